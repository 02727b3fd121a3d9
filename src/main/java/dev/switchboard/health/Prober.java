package dev.switchboard.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.config.ProviderConfig;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.routing.Endpoint;
import dev.switchboard.routing.Provider;
import dev.switchboard.routing.Routing;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.util.TypeLiteral;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Active health probes: every {@code switchboard.health.probe_interval}, each provider's {@code health_path} must
 * answer 2xx and its {@code /models} must list each target's upstream model id; a target whose model is not listed
 * is down even when the server is up. Each probe runs under a SmallRye Fault Tolerance timeout guard, so a server
 * that accepts the connection and never answers counts as failing the probe instead of holding it forever.
 */
@ApplicationScoped
public class Prober {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeLiteral<Uni<Verdict>> VERDICT = new TypeLiteral<>() { };

    private final Vertx vertx;
    private final Routing routing;
    private final SwitchboardConfig config;
    private final TargetHealthRegistry registry;
    private final List<Long> timers = new ArrayList<>();
    private final int failuresToDown;

    public Prober(Vertx vertx, Routing routing, SwitchboardConfig config, TargetHealthRegistry registry) {
        this.vertx = vertx;
        this.routing = routing;
        this.config = config;
        this.registry = registry;
        this.failuresToDown = config.health().probeFailures();
    }

    void start(@Observes StartupEvent event) {
        long interval = Math.max(10, config.health().probeInterval().toMillis());
        Guard guard = Guard.create()
                .withTimeout().duration(config.health().probeTimeout().toMillis(), ChronoUnit.MILLIS).done()
                .build();
        for (Provider provider : routing.providers().values()) {
            ProviderConfig.Probe settings = config.providers().get(provider.name()).probe();
            List<TargetHealth> targets = registry.all().stream()
                    .filter(h -> h.endpoint().provider() == provider).toList();
            if (!settings.enabled() || targets.isEmpty()) {
                continue;
            }
            ProbeRun run = new ProbeRun(provider, settings, targets, guard, client(provider));
            timers.add(vertx.setPeriodic(1, interval, id -> run.probe()));
        }
    }

    void stop(@Observes ShutdownEvent event) {
        timers.forEach(vertx::cancelTimer);
    }

    private ProbeApi client(Provider provider) {
        URI base = URI.create(provider.baseUrl());
        long timeout = config.health().probeTimeout().toMillis();
        QuarkusRestClientBuilder builder = QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create(base.getScheme() + "://" + base.getRawAuthority()))
                .connectTimeout(timeout, TimeUnit.MILLISECONDS)
                .readTimeout(timeout, TimeUnit.MILLISECONDS)
                .property("microprofile.rest.client.disable.default.mapper", true);
        if (provider.auth().header() != null) {
            String header = provider.auth().header();
            String value = provider.auth().value();
            builder.register((ClientRequestFilter) request -> request.getHeaders().putSingle(header, value));
        }
        return builder.build(ProbeApi.class);
    }

    /** What one probe found for a provider: down with a reason, or the model ids it serves. */
    private record Verdict(String downReason, Set<String> models) { }

    /** The probing of one provider. */
    private final class ProbeRun {
        private final Provider provider;
        private final ProviderConfig.Probe settings;
        private final List<TargetHealth> targets;
        private final Guard guard;
        private final ProbeApi api;
        private final String basePath;
        private boolean running;

        ProbeRun(Provider provider, ProviderConfig.Probe settings, List<TargetHealth> targets, Guard guard, ProbeApi api) {
            this.provider = provider;
            this.settings = settings;
            this.targets = targets;
            this.guard = guard;
            this.api = api;
            String path = URI.create(provider.baseUrl()).getRawPath();
            this.basePath = path == null ? "" : path;
        }

        void probe() {
            if (running) {
                return; // the previous probe is still out; its timeout will end it
            }
            running = true;
            guard.get(this::verdict, VERDICT).subscribe().with(this::apply,
                    failure -> apply(new Verdict("probe failed: " + describe(failure), Set.of())));
        }

        private Uni<Verdict> verdict() {
            return api.get(relative(settings.healthPath())).flatMap(health -> {
                int status = health.getStatus();
                health.close();
                if (status / 100 != 2) {
                    return Uni.createFrom().item(new Verdict("health check answered " + status, Set.of()));
                }
                if (!settings.checkModels()) {
                    return Uni.createFrom().item(new Verdict(null, null));
                }
                return api.get(relative(basePath + "/models")).map(this::models);
            });
        }

        private Verdict models(Response response) {
            try (response) {
                if (response.getStatus() / 100 != 2) {
                    return new Verdict("model list answered " + response.getStatus(), Set.of());
                }
                Set<String> ids = new HashSet<>();
                for (JsonNode model : JSON.readTree(response.readEntity(String.class)).path("data")) {
                    ids.add(model.path("id").asText());
                }
                return new Verdict(null, ids);
            } catch (Exception e) {
                return new Verdict("model list unreadable: " + describe(e), Set.of());
            }
        }

        private void apply(Verdict verdict) {
            running = false;
            for (TargetHealth target : targets) {
                Endpoint endpoint = target.endpoint();
                if (verdict.downReason() != null) {
                    target.probed(TargetHealth.ProbeState.DOWN, verdict.downReason(), failuresToDown);
                } else if (verdict.models() != null && !verdict.models().contains(endpoint.modelRef().upstreamModel())) {
                    target.probed(TargetHealth.ProbeState.DOWN, "model '" + endpoint.modelRef().upstreamModel()
                            + "' is not listed by " + provider.name() + "'s /models", failuresToDown);
                } else {
                    target.probed(TargetHealth.ProbeState.READY, "probe passed", failuresToDown);
                }
            }
        }

        private static String relative(String path) {
            return path.startsWith("/") ? path.substring(1) : path;
        }

        private static String describe(Throwable failure) {
            Throwable root = failure;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String message = root.getMessage();
            return root.getClass().getSimpleName() + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
        }
    }
}
