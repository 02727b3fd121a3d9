package dev.switchboard.redis;

import io.quarkus.arc.lookup.LookupIfProperty;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The readiness check {@code redis}, present only with {@code switchboard.redis.enabled}: always up, because the
 * router serves without Redis (one Redis outage must not take every replica out of its Service at once), with the
 * state in its data so that an outage is visible where operators look.
 */
@Readiness
@ApplicationScoped
@LookupIfProperty(name = "switchboard.redis.enabled", stringValue = "true")
public class RedisReadiness implements HealthCheck {

    private final RedisStatus status;

    public RedisReadiness(RedisStatus status) {
        this.status = status;
    }

    @Override
    public HealthCheckResponse call() {
        RedisStatus.Outage outage = status.outage();
        return HealthCheckResponse.named("redis").up()
                .withData("state", outage == null ? "up" : "unreachable")
                .withData("detail", outage == null ? "limits and prefix ownership are shared through Redis"
                        : "unreachable since " + outage.since() + " (" + outage.reason() + "); limits and prefix"
                        + " ownership use this replica's own state until it answers")
                .build();
    }
}
