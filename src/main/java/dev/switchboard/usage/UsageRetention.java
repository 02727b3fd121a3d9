package dev.switchboard.usage;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

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
            Instant cutoff = Instant.now().minus(config.retention()).truncatedTo(ChronoUnit.SECONDS);
            int deleted = database.deleteBefore(cutoff);
            if (deleted > 0) {
                LOG.infof("usage retention: deleted %d rows that started before %s", deleted, cutoff);
            }
        } catch (RuntimeException e) {
            LOG.warnf("usage retention: could not delete old rows now: %s", e.getMessage());
        }
    }
}
