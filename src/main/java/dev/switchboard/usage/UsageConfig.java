package dev.switchboard.usage;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * How usage rows are kept, under {@code switchboard.usage}. The database itself is configured through
 * {@code quarkus.datasource.h2.*} or {@code quarkus.datasource.postgresql.*}; this picks which one is used.
 */
@ConfigMapping(prefix = "switchboard.usage", namingStrategy = ConfigMapping.NamingStrategy.SNAKE_CASE)
public interface UsageConfig {

    /**
     * Which database holds the rows: {@code h2} (embedded, a file under {@code switchboard.data_dir}) or
     * {@code postgresql} (set {@code quarkus.datasource.postgresql.jdbc.url}, {@code .username}, {@code .password}).
     */
    @WithDefault("h2")
    Database database();

    /** Rows waiting in memory for the writer; beyond this, rows go straight to the journal file. */
    @WithDefault("10000")
    int queueCapacity();

    /** Most rows written in one transaction. */
    @WithDefault("200")
    int batchSize();

    /** Longest a row waits in memory before it is written, when fewer than {@code batch_size} are queued. */
    @WithDefault("1s")
    Duration flushInterval();

    /** While the database is unreachable, how often the writer tries it again (rows wait in the journal). */
    @WithDefault("5s")
    Duration retryInterval();

    /** Store each request's body in the row's {@code prompt} column. Off by default: bodies hold callers' data. */
    @WithDefault("false")
    boolean captureContent();

    /** How long rows are kept; older ones are deleted by {@code purge_interval}. {@code 0} keeps them forever. */
    @WithDefault("90d")
    Duration retention();

    /** How often rows older than {@code retention} are deleted. */
    @WithDefault("1h")
    Duration purgeInterval();

    /** Longest shutdown waits for queued rows to reach the database before it writes them to the journal. */
    @WithDefault("10s")
    Duration shutdownTimeout();

    /** The databases usage rows can go to; both are built in, one is active. */
    enum Database {
        H2, POSTGRESQL
    }
}
