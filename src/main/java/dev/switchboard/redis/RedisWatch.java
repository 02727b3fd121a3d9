package dev.switchboard.redis;

import dev.switchboard.config.SwitchboardConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.redis.client.RedisAPI;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * With {@code switchboard.redis.enabled}, pings Redis every {@code retry_after} (allowing it a second), so an
 * outage is seen, and its end noticed, while no request happens to call Redis; exports {@code switchboard_redis_up}.
 * Quarkus's own Redis health check is off ({@code quarkus.redis.health.enabled}): readiness must not depend on
 * Redis, which the router can serve without.
 */
@ApplicationScoped
public class RedisWatch {

    private final RedisStatus status;
    private final Instance<RedisAPI> redis;
    private final Vertx vertx;
    private final MeterRegistry registry;
    private final long intervalMillis;
    private final long timeoutMillis;
    private final AtomicBoolean pinging = new AtomicBoolean();

    public RedisWatch(RedisStatus status, Instance<RedisAPI> redis, Vertx vertx, MeterRegistry registry,
                      SwitchboardConfig config) {
        this.status = status;
        this.redis = redis;
        this.vertx = vertx;
        this.registry = registry;
        this.intervalMillis = Math.max(100, config.redis().retryAfter().toMillis());
        // Not the request path's timeout: a ping waits on nobody, and the first one also opens the connection.
        this.timeoutMillis = Math.max(1000, config.redis().timeout().toMillis());
    }

    void start(@Observes StartupEvent event) {
        if (!status.enabled()) {
            return;
        }
        Gauge.builder("switchboard.redis.up", status, s -> s.outage() == null ? 1 : 0)
                .description("1 while Redis answers, 0 during an outage (shared state is then each replica's own)")
                .register(registry);
        RedisAPI api = redis.get();
        vertx.setPeriodic(1, intervalMillis, id -> ping(api));
    }

    private void ping(RedisAPI api) {
        if (!pinging.compareAndSet(false, true)) {
            return; // the last ping is still out
        }
        long timer = vertx.setTimer(timeoutMillis, id -> {
            if (pinging.compareAndSet(true, false)) {
                status.failed(new TimeoutException("no answer to PING within " + timeoutMillis
                        + " ms"), "limits, prefix ownership");
            }
        });
        api.ping(List.of()).onComplete(answer -> {
            vertx.cancelTimer(timer);
            if (pinging.compareAndSet(true, false)) {
                if (answer.succeeded()) {
                    status.succeeded();
                } else {
                    status.failed(answer.cause(), "limits, prefix ownership");
                }
            }
        });
    }
}
