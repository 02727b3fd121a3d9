package dev.switchboard.usage;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;

/** Deletes rows older than {@code switchboard.usage.retention}, every {@code purge_interval}, on a worker thread. */
@ApplicationScoped
class UsageRetention {

    private static final Logger LOG = Logger.getLogger(UsageRetention.class);

    private final UsageConfig config;
    private final UsageDatabase database;

    UsageRetention(UsageConfig config, UsageDatabase database) {
        this.config = config;
        this.database = database;
    }

    @Scheduled(identity = "usage-retention", every = "${switchboard.usage.purge_interval:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        if (config.retention().isZero() || !database.ready()) {
            return;
        }
        try {
            int deleted = purgeBefore(Instant.now().minus(config.retention()));
            if (deleted > 0) {
                LOG.infof("usage retention: deleted %d rows older than %s", deleted, config.retention());
            }
        } catch (RuntimeException e) {
            LOG.warnf("usage retention: could not delete old rows now: %s", e.getMessage());
        }
    }

    /** Deletes rows that started before {@code cutoff}; returns how many. */
    int purgeBefore(Instant cutoff) {
        return database.deleteBefore(cutoff);
    }
}
