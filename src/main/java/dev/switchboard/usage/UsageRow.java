package dev.switchboard.usage;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The record of one request: who asked, which group and target(s), how it ended, tokens, latency and cost. One per
 * request, whatever its outcome; stored in table {@code usage_row}, whose columns are these names in snake_case.
 *
 * @param id              the row's own key: 32 hex digits, the request's start in milliseconds then random bits,
 *                        so ids sort by time and never collide even when callers reuse a request id
 * @param requestId       the {@code X-Request-Id} the caller sent or the router made
 * @param startedAt       when the request arrived
 * @param caller          the caller's name, {@code anonymous} while the router runs without callers
 * @param dialect         the caller's wire format, e.g. {@code openai-chat}
 * @param modelGroup      the group the caller asked for
 * @param provider        the provider of the last attempt, or null when no target could be tried
 * @param modelRef        the model ref of the last attempt, or null
 * @param upstreamModel   the model id sent upstream by the last attempt, or null
 * @param attempts        how many targets were tried
 * @param attemptLog      every attempt in order as {@code provider/model_ref:outcome}, comma-separated
 * @param fallback        whether more than one target was tried
 * @param status          the HTTP status the caller got
 * @param errorClass      how the request failed (the last attempt's outcome, or {@code no_eligible_target}); null
 *                        when it succeeded
 * @param ttftMs          time to first token in milliseconds for streamed answers; null otherwise or when none came
 * @param latencyMs       arrival to last byte, in milliseconds
 * @param tokensEstimated true when the upstream reported no usage and the router estimated the tokens
 * @param costUsd         what the tokens cost at the chosen target's prices
 * @param prefixKey       the routing prefix key, or null
 * @param prompt          the request body, only when {@code switchboard.usage.capture_content} is true
 */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record UsageRow(String id, String requestId, Instant startedAt, String caller, String tenant, String project,
                       String dialect, String modelGroup, String provider, String modelRef, String upstreamModel,
                       int attempts, String attemptLog, boolean fallback, int status, String errorClass,
                       boolean stream, Double ttftMs, double latencyMs, long promptTokens, long completionTokens,
                       long cachedTokens, long imageTokens, int imageCount, boolean tokensEstimated,
                       BigDecimal costUsd, String prefixKey, String prompt) { }
