package dev.switchboard.admission;

import dev.switchboard.config.SwitchboardConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether the router should use Redis right now: after a failed call it keeps to local state for
 * {@code switchboard.redis.retry_after}, and says so once per outage, so a dead Redis costs neither requests nor a
 * log line per request.
 */
@ApplicationScoped
public class RedisOutage {

    private static final Logger LOG = Logger.getLogger(RedisOutage.class);

    private final boolean enabled;
    private final long retryAfterNanos;
    private final AtomicLong localUntil = new AtomicLong();

    @Inject
    public RedisOutage(SwitchboardConfig config) {
        this(config.redis().enabled(), config.redis().retryAfter().toNanos());
    }

    /** For state built outside CDI, e.g. a second replica in a test. */
    public RedisOutage(boolean enabled, long retryAfterNanos) {
        this.enabled = enabled;
        this.retryAfterNanos = retryAfterNanos;
    }

    /** Whether Redis is configured and not known to be down. */
    public boolean useRedis() {
        return enabled && System.nanoTime() >= localUntil.get();
    }

    /** Records a failed Redis call: local state for a while, one warning. */
    public void failed(Throwable failure, String what) {
        long now = System.nanoTime();
        long until = localUntil.get();
        if (now >= until && localUntil.compareAndSet(until, now + retryAfterNanos)) {
            LOG.warnf("Redis is unavailable (%s); %s use this replica's own state for the next %d ms",
                    failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage()),
                    what, retryAfterNanos / 1_000_000);
        }
    }
}
