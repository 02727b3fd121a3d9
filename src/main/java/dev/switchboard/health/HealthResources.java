package dev.switchboard.health;

import io.smallrye.health.SmallRyeHealth;
import io.smallrye.health.SmallRyeHealthReporter;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/** {@code /readyz}, the readiness alias load balancers know, and the operators' {@code GET /admin/targets}. */
@Path("/")
public class HealthResources {

    private final SmallRyeHealthReporter reporter;
    private final TargetHealthRegistry registry;

    public HealthResources(SmallRyeHealthReporter reporter, TargetHealthRegistry registry) {
        this.reporter = reporter;
        this.registry = registry;
    }

    /** The same answer as {@code /q/health/ready}: 200 when ready, 503 when not. */
    @GET
    @Path("readyz")
    @Produces(MediaType.APPLICATION_JSON)
    public Response readyz() {
        SmallRyeHealth health = reporter.getReadiness();
        return Response.status(health.isDown() ? 503 : 200).entity(health.getPayload().toString()).build();
    }

    /** Each target's state, the reason for it, requests in flight, recent latency and ejection count. */
    @GET
    @Path("admin/targets")
    @Produces(MediaType.APPLICATION_JSON)
    public List<TargetHealth.TargetStatus> targets() {
        return registry.statuses();
    }
}
