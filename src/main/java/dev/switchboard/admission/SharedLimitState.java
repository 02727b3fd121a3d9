package dev.switchboard.admission;

import dev.switchboard.config.SwitchboardConfig;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The limit counters the router uses: in Redis when {@code switchboard.redis.enabled}, so replicas limit alike, else
 * in this process. When Redis fails or is slow, decisions fall back to this process's counters for
 * {@code switchboard.redis.retry_after}, with one warning per outage: a Redis outage never fails requests.
 */
@ApplicationScoped
public class SharedLimitState implements LimitState {

    private static final Logger LOG = Logger.getLogger(SharedLimitState.class);

    private final LocalLimitState local = new LocalLimitState();
    private final RedisLimitState redis;
    private final long retryAfterNanos;
    private final AtomicLong localUntil = new AtomicLong();
    private final Vertx vertx;

    @Inject
    public SharedLimitState(SwitchboardConfig config, Instance<RedisLimitState> redis, Vertx vertx) {
        this(config.redis().enabled() ? redis.get() : null, config.redis().retryAfter().toNanos(), vertx);
    }

    /** @param redis the shared counters, or null to keep to this process's */
    SharedLimitState(RedisLimitState redis, long retryAfterNanos, Vertx vertx) {
        this.redis = redis;
        this.retryAfterNanos = retryAfterNanos;
        this.vertx = vertx;
    }

    void sweepPeriodically(@Observes StartupEvent event) {
        vertx.setPeriodic(60_000, id -> local.sweep());
    }

    @Override
    public Future<Refusal> take(List<LimitScope> scopes, long tokens) {
        if (!useRedis()) {
            return local.take(scopes, tokens);
        }
        return redis.take(scopes, tokens).recover(failure -> {
            degrade(failure);
            return local.take(scopes, tokens);
        });
    }

    @Override
    public Future<Void> give(List<LimitScope> scopes, long tokenCorrection) {
        if (!useRedis()) {
            return local.give(scopes, tokenCorrection);
        }
        return redis.give(scopes, tokenCorrection).onFailure(this::degrade);
    }

    /** Requests in flight under {@code scope} by this process's counters. */
    int localInFlight(LimitScope scope) {
        return local.inFlight(scope);
    }

    private boolean useRedis() {
        return redis != null && System.nanoTime() >= localUntil.get();
    }

    private void degrade(Throwable failure) {
        long now = System.nanoTime();
        long until = localUntil.get();
        if (now >= until && localUntil.compareAndSet(until, now + retryAfterNanos)) {
            LOG.warnf("Redis is unavailable (%s); limits use this replica's own counters for the next %d ms",
                    failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage()),
                    retryAfterNanos / 1_000_000);
        }
    }
}
