package dev.switchboard.admission;

import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.redis.RedisStatus;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.util.List;

/**
 * The limit counters the router uses: in Redis when {@code switchboard.redis.enabled}, so replicas limit alike, else
 * in this process. When Redis fails or is slow, decisions fall back to this process's counters for
 * {@code switchboard.redis.retry_after}, with one warning per outage: a Redis outage never fails requests.
 */
@ApplicationScoped
public class SharedLimitState implements LimitState {

    private final LocalLimitState local = new LocalLimitState();
    private final RedisLimitState redis;
    private final RedisStatus outage;
    private final Vertx vertx;

    @Inject
    public SharedLimitState(SwitchboardConfig config, Instance<RedisLimitState> redis, RedisStatus outage, Vertx vertx) {
        this(config.redis().enabled() ? redis.get() : null, outage, vertx);
    }

    /** @param redis the shared counters, or null to keep to this process's */
    SharedLimitState(RedisLimitState redis, RedisStatus outage, Vertx vertx) {
        this.redis = redis;
        this.outage = outage;
        this.vertx = vertx;
    }

    void sweepPeriodically(@Observes StartupEvent event) {
        vertx.setPeriodic(60_000, id -> local.sweep());
        if (redis != null) {
            vertx.setPeriodic(1, redis.renewEveryMillis(), id -> {
                if (outage.useRedis()) {
                    redis.renewLease().onFailure(failure -> outage.failed(failure, "limits"));
                }
            });
        }
    }

    @Override
    public Future<Refusal> take(List<LimitScope> scopes, long tokens) {
        if (!useRedis()) {
            return local.take(scopes, tokens);
        }
        return redis.take(scopes, tokens).onSuccess(taken -> outage.succeeded()).recover(failure -> {
            outage.failed(failure, "limits");
            return local.take(scopes, tokens);
        });
    }

    @Override
    public Future<Void> give(List<LimitScope> scopes, long tokenCorrection) {
        if (!useRedis()) {
            return local.give(scopes, tokenCorrection);
        }
        return redis.give(scopes, tokenCorrection).onFailure(failure -> outage.failed(failure, "limits"));
    }

    /** Requests in flight under {@code scope} by this process's counters. */
    int localInFlight(LimitScope scope) {
        return local.inFlight(scope);
    }

    private boolean useRedis() {
        return redis != null && outage.useRedis();
    }
}
