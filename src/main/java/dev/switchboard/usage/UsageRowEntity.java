package dev.switchboard.usage;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * {@link UsageRow} as Hibernate maps it onto table {@code usage_row} (created by Flyway, {@code V1__usage.sql}).
 * Strings are clipped to their column's length so that no value a caller controls can make a batch fail.
 */
@Entity
@Table(name = "usage_row")
public class UsageRowEntity {

    @Id
    @Column(length = 32)
    String id;
    @Column(name = "request_id", length = 128)
    String requestId;
    @Column(name = "started_at")
    Instant startedAt;
    @Column(length = 128)
    String caller;
    @Column(length = 128)
    String tenant;
    @Column(length = 128)
    String project;
    @Column(length = 32)
    String dialect;
    @Column(name = "model_group", length = 256)
    String modelGroup;
    @Column(length = 256)
    String provider;
    @Column(name = "model_ref", length = 256)
    String modelRef;
    @Column(name = "upstream_model", length = 512)
    String upstreamModel;
    int attempts;
    @Column(name = "attempt_log", length = 4000)
    String attemptLog;
    boolean fallback;
    int status;
    @Column(name = "error_class", length = 64)
    String errorClass;
    boolean stream;
    @Column(name = "ttft_ms")
    Double ttftMs;
    @Column(name = "latency_ms")
    double latencyMs;
    @Column(name = "prompt_tokens")
    long promptTokens;
    @Column(name = "completion_tokens")
    long completionTokens;
    @Column(name = "cached_tokens")
    long cachedTokens;
    @Column(name = "image_tokens")
    long imageTokens;
    @Column(name = "image_count")
    int imageCount;
    @Column(name = "tokens_estimated")
    boolean tokensEstimated;
    @Column(name = "cost_usd", precision = 24, scale = 10)
    BigDecimal costUsd;
    @Column(name = "prefix_key", length = 512)
    String prefixKey;
    String prompt;

    protected UsageRowEntity() {
    }

    static UsageRowEntity of(UsageRow row) {
        UsageRowEntity e = new UsageRowEntity();
        e.id = row.id();
        e.requestId = clip(row.requestId(), 128);
        e.startedAt = row.startedAt();
        e.caller = clip(row.caller(), 128);
        e.tenant = clip(row.tenant(), 128);
        e.project = clip(row.project(), 128);
        e.dialect = clip(row.dialect(), 32);
        e.modelGroup = clip(row.modelGroup(), 256);
        e.provider = clip(row.provider(), 256);
        e.modelRef = clip(row.modelRef(), 256);
        e.upstreamModel = clip(row.upstreamModel(), 512);
        e.attempts = row.attempts();
        e.attemptLog = clip(row.attemptLog(), 4000);
        e.fallback = row.fallback();
        e.status = row.status();
        e.errorClass = clip(row.errorClass(), 64);
        e.stream = row.stream();
        e.ttftMs = row.ttftMs();
        e.latencyMs = row.latencyMs();
        e.promptTokens = row.promptTokens();
        e.completionTokens = row.completionTokens();
        e.cachedTokens = row.cachedTokens();
        e.imageTokens = row.imageTokens();
        e.imageCount = row.imageCount();
        e.tokensEstimated = row.tokensEstimated();
        e.costUsd = row.costUsd();
        e.prefixKey = clip(row.prefixKey(), 512);
        e.prompt = row.prompt();
        return e;
    }

    UsageRow toRow() {
        return new UsageRow(id, requestId, startedAt, caller, tenant, project, dialect, modelGroup, provider, modelRef,
                upstreamModel, attempts, attemptLog, fallback, status, errorClass, stream, ttftMs, latencyMs,
                promptTokens, completionTokens, cachedTokens, imageTokens, imageCount, tokensEstimated, costUsd,
                prefixKey, prompt);
    }

    private static String clip(String value, int length) {
        return value == null || value.length() <= length ? value : value.substring(0, length);
    }
}
