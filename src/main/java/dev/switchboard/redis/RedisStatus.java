package dev.switchboard.redis;

import dev.switchboard.config.SwitchboardConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Whether the router should use Redis right now. After a failed call it keeps to each replica's own state for
 * {@code switchboard.redis.retry_after}; an outage is logged once when it starts and once when Redis answers again,
 * so a dead Redis costs neither requests nor a log line per request. Readiness and {@code switchboard_redis_up} read
 * the state from here; a Redis outage never makes the router unready.
 */
@ApplicationScoped
public class RedisStatus {

    private static final Logger LOG = Logger.getLogger(RedisStatus.class);

    private final boolean enabled;
    private final long retryAfterNanos;
    private final AtomicLong localUntil = new AtomicLong(System.nanoTime());
    private final AtomicReference<Outage> outage = new AtomicReference<>();

    @Inject
    public RedisStatus(SwitchboardConfig config) {
        this(config.redis().enabled(), config.redis().retryAfter().toNanos());
    }

    /** For state built outside CDI, e.g. a second replica in a test. */
    public RedisStatus(boolean enabled, long retryAfterNanos) {
        this.enabled = enabled;
        this.retryAfterNanos = retryAfterNanos;
    }

    /** An outage: since when, and the first failure's words (never a secret: Redis errors carry no credentials). */
    public record Outage(Instant since, String reason) { }

    /** Whether Redis is configured ({@code switchboard.redis.enabled}). */
    public boolean enabled() {
        return enabled;
    }

    /** Whether Redis is configured and not known to be down. */
    public boolean useRedis() {
        return enabled && System.nanoTime() - localUntil.get() >= 0; // nanoTime may be negative: compare differences
    }

    /** The outage in progress, or null while Redis answers (or is off). */
    public Outage outage() {
        return outage.get();
    }

    /** Records a failed Redis call: each replica's own state for a while; a warning when an outage begins. */
    public void failed(Throwable failure, String what) {
        localUntil.set(System.nanoTime() + retryAfterNanos);
        String reason = failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": "
                + failure.getMessage());
        if (outage.compareAndSet(null, new Outage(Instant.now(), reason))) {
            LOG.warnf("Redis is unavailable (%s); %s and the rest of the shared state use this replica's own state"
                    + " until it answers again (checked every %d ms)", reason, what, retryAfterNanos / 1_000_000);
        }
    }

    /** Records a call Redis answered: an outage in progress is over. */
    public void succeeded() {
        Outage ended = outage.get();
        if (ended != null && outage.compareAndSet(ended, null)) {
            localUntil.set(System.nanoTime());
            LOG.infof("Redis answers again after %d s; shared state is back in Redis",
                    Duration.between(ended.since(), Instant.now()).toSeconds());
        }
    }
}
