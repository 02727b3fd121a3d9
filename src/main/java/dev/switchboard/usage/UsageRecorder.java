package dev.switchboard.usage;

import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.dialect.TokenUsage;
import dev.switchboard.routing.Target;
import dev.switchboard.upstream.Attempt;
import dev.switchboard.upstream.Exchange;
import dev.switchboard.upstream.ExchangeObserver;
import dev.switchboard.upstream.Outcome;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Turns every finished exchange into a {@link UsageRow} and hands it to the {@link UsageWriter} without blocking:
 * the event loop only builds the row and offers it. Owns the writer's life: started with the application, drained
 * at shutdown (to the database, or the journal when the database is away).
 */
@Singleton
public class UsageRecorder implements ExchangeObserver {

    private static final Logger LOG = Logger.getLogger(UsageRecorder.class);
    private static final TokenUsage NO_TOKENS = new TokenUsage(0, 0, 0, 0, true);
    private static final BigDecimal NO_COST = BigDecimal.ZERO.setScale(UsageCost.SCALE);
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final UsageConfig config;
    private final UsageWriter writer;

    UsageRecorder(UsageConfig config, SwitchboardConfig switchboard, UsageDatabase database, MeterRegistry registry) {
        this.config = config;
        UsageJournal journal;
        try {
            journal = new UsageJournal(Path.of(switchboard.dataDir()));
        } catch (IOException e) {
            throw new UncheckedIOException("switchboard.data_dir: cannot use '" + switchboard.dataDir()
                    + "' for the usage journal: " + e.getMessage(), e);
        }
        this.writer = new UsageWriter(database, journal, config.queueCapacity(), config.batchSize(),
                config.flushInterval(), config.retryInterval());
        Gauge.builder("switchboard.usage.queue.depth", writer, UsageWriter::queueDepth)
                .description("Usage rows in memory, waiting for the database").register(registry);
        Gauge.builder("switchboard.usage.journal.rows", writer, UsageWriter::journalRows)
                .description("Usage rows in the journal file, waiting for the database").register(registry);
    }

    void start(@Observes StartupEvent event) {
        LOG.infof("usage rows go to %s; %d rows wait in the journal", switch (config.database()) {
            case H2 -> "the embedded H2 database (quarkus.datasource.h2)";
            case POSTGRESQL -> "PostgreSQL (quarkus.datasource.postgresql)";
        }, writer.journalRows());
        writer.start();
    }

    void stop(@Observes ShutdownEvent event) {
        writer.stop(config.shutdownTimeout());
    }

    @Override
    public void exchangeFinished(Exchange exchange) {
        UsageRow row;
        try {
            row = row(exchange, newId(exchange.startedAtMillis()), config.captureContent());
        } catch (RuntimeException e) {
            LOG.errorf(e, "usage row of request %s could not be built", exchange.requestId());
            return;
        }
        writer.offer(row);
    }

    /** Rows in memory waiting for the writer; for tests and the gauge. */
    int queueDepth() {
        return writer.queueDepth();
    }

    /** Rows in the journal waiting for the database. */
    long journalRows() {
        return writer.journalRows();
    }

    /** The row of a finished exchange. */
    static UsageRow row(Exchange exchange, String id, boolean captureContent) {
        List<Attempt> attempts = exchange.attempts();
        Attempt last = attempts.isEmpty() ? null : attempts.get(attempts.size() - 1);
        Target target = last == null ? null : last.target();
        int status = exchange.status();
        boolean answered = status / 100 == 2;
        // Tokens and cost only for an answer that reached the caller; a failed request consumed nothing billable.
        TokenUsage usage = answered ? exchange.usage() : NO_TOKENS;
        BigDecimal cost = answered && target != null
                ? UsageCost.of(target.modelRef().prices(), usage, exchange.imageCount()) : NO_COST;
        StringBuilder log = new StringBuilder();
        for (Attempt attempt : attempts) {
            log.append(log.isEmpty() ? "" : ",").append(attempt.target().id()).append(':')
                    .append(attempt.outcome().label());
        }
        String errorClass = last == null ? "no_eligible_target"
                : last.outcome() == Outcome.OK ? null : last.outcome().label();
        long end = exchange.endNanos() != 0 ? exchange.endNanos() : System.nanoTime();
        // Reports keep time to first token for streams: for a whole answer it is just the latency again.
        Double ttft = !exchange.stream() || exchange.firstTokenNanos() == 0 ? null
                : millis(exchange.firstTokenNanos() - exchange.startNanos());
        return new UsageRow(id, exchange.requestId(), Instant.ofEpochMilli(exchange.startedAtMillis()),
                exchange.caller().name(), exchange.caller().tenant(), exchange.caller().project(),
                exchange.dialect().wireName(), exchange.group().name(),
                target == null ? null : target.provider().name(), target == null ? null : target.modelRef().name(),
                target == null ? null : target.modelRef().upstreamModel(),
                attempts.size(), log.isEmpty() ? null : log.toString(), attempts.size() > 1, status, errorClass,
                exchange.stream(), ttft, millis(end - exchange.startNanos()),
                usage.promptTokens(), usage.completionTokens(), usage.cachedTokens(), usage.imageTokens(),
                exchange.imageCount(),
                !usage.reported(), cost, exchange.prefixKey(),
                captureContent ? new String(exchange.body().bytes(), StandardCharsets.UTF_8) : null);
    }

    /**
     * A row id: the request's start in milliseconds (12 hex digits), then 80 random bits. Ids sort by time, which
     * makes them a paging cursor, and are unique even when callers send the same {@code X-Request-Id} twice.
     */
    static String newId(long startedAtMillis) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] id = new char[32];
        hex(id, 0, startedAtMillis, 12);
        hex(id, 12, random.nextLong(), 16);
        hex(id, 28, random.nextInt(), 4);
        return new String(id);
    }

    private static void hex(char[] into, int at, long value, int digits) {
        for (int i = digits - 1; i >= 0; i--) {
            into[at + i] = HEX[(int) (value & 0xf)];
            value >>>= 4;
        }
    }

    private static double millis(long nanos) {
        return Math.max(0, nanos) / 1_000_000.0;
    }
}
