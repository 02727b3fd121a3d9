package dev.switchboard.health;

import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.routing.HealthView;
import dev.switchboard.routing.ModelGroup;
import dev.switchboard.routing.Routing;
import dev.switchboard.routing.Target;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/** SmallRye Health checks: {@code /q/health/live} and {@code /q/health/ready} (also {@code /readyz}). */
@ApplicationScoped
public class HealthChecks {

    private final Routing routing;
    private final TargetHealthRegistry registry;
    private final SwitchboardConfig config;

    public HealthChecks(Routing routing, TargetHealthRegistry registry, SwitchboardConfig config) {
        this.routing = routing;
        this.registry = registry;
        this.config = config;
    }

    /** Live while the process answers: a router with every upstream down is still alive and should not restart. */
    @Liveness
    HealthCheck live() {
        return () -> HealthCheckResponse.up("switchboard");
    }

    /**
     * Ready when every model group has a target that may take traffic now: probed and passed (or unprobed by
     * configuration), and not ejected or cooling down.
     */
    @Readiness
    HealthCheck ready() {
        return () -> {
            HealthCheckResponseBuilder response = HealthCheckResponse.named("model-groups").up();
            long now = System.nanoTime();
            for (ModelGroup group : routing.groups()) {
                int usable = 0;
                for (Target target : group.targets()) {
                    if (usable(target, now)) {
                        usable++;
                    }
                }
                response.withData(group.name(), usable + "/" + group.targets().size() + " targets usable");
                if (usable == 0) {
                    response.down();
                }
            }
            return response.build();
        };
    }

    /** Whether {@code target} may take traffic now: the readiness rule, also exported as a metric. */
    public boolean usable(Target target, long now) {
        TargetHealth health = registry.of(target.endpoint());
        if (health.unusableFor(now) != HealthView.READY) {
            return false;
        }
        boolean probed = config.providers().get(target.provider().name()).probe().enabled();
        return !probed || health.probeState() == TargetHealth.ProbeState.READY;
    }
}
