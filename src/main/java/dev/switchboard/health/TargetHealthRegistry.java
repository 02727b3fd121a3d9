package dev.switchboard.health;

import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.routing.Endpoint;
import dev.switchboard.routing.HealthView;
import dev.switchboard.routing.Routing;
import dev.switchboard.upstream.Attempt;
import dev.switchboard.upstream.AttemptObserver;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The health of every endpoint some group targets: what routing consults and what attempts and probes feed. */
@ApplicationScoped
public class TargetHealthRegistry implements HealthView, AttemptObserver {

    private final Map<Endpoint, TargetHealth> health = new LinkedHashMap<>();
    private final HealthRules rules;
    private final Routing routing;

    public TargetHealthRegistry(Routing routing, SwitchboardConfig config) {
        this.routing = routing;
        for (Endpoint endpoint : routing.endpoints()) {
            health.put(endpoint, new TargetHealth(endpoint));
        }
        this.rules = HealthRules.of(config.health());
    }

    @Override
    public long unusableFor(Endpoint endpoint, long nowNanos) {
        return health.get(endpoint).unusableFor(nowNanos);
    }

    @Override
    public void attemptEnded(Attempt attempt, long retryAfterSeconds) {
        health.get(attempt.target().endpoint()).onAttempt(attempt.outcome(), attempt.nanos(),
                retryAfterSeconds * 1_000_000_000L, rules, System.nanoTime());
    }

    /** Every endpoint's health. */
    public Collection<TargetHealth> all() {
        return health.values();
    }

    /** Every endpoint's status, for operators. */
    public List<TargetHealth.TargetStatus> statuses() {
        long now = System.nanoTime();
        return health.values().stream().map(h -> h.status(now, routing.prefixIndexBytes(h.endpoint()))).toList();
    }

    /** Re-admits every endpoint that requests ejected or cooled down; what probes found stays. */
    public void clearPassive() {
        health.values().forEach(TargetHealth::clearPassive);
    }

    TargetHealth of(Endpoint endpoint) {
        return health.get(endpoint);
    }
}
