package dev.switchboard.simulator;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Starts the simulators of {@link SimulatorConfig} on Quarkus's Vert.x when {@code switchboard.simulator.enabled},
 * before other start-up observers (so probes and warm-ups find them listening), and closes them at shutdown.
 */
@ApplicationScoped
public class EmbeddedSimulators {

    private static final Logger LOG = Logger.getLogger(EmbeddedSimulators.class);
    private static final String HOST = "127.0.0.1";

    private final SimulatorConfig config;
    private final Vertx vertx;
    private final Map<String, SimulatedServer> servers = new LinkedHashMap<>();

    public EmbeddedSimulators(SimulatorConfig config, Vertx vertx) {
        this.config = config;
        this.vertx = vertx;
    }

    void start(@Observes @Priority(10) StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        Map<String, Future<SimulatedServer>> starting = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        new TreeMap<>(config.servers()).forEach((name, server) -> {
            try {
                starting.put(name, SimulatedServer.start(vertx, settings(name, server)));
            } catch (IllegalArgumentException e) {
                failures.add("switchboard.simulator.servers." + name + ": " + e.getMessage());
            }
        });
        starting.forEach((name, future) -> {
            try {
                SimulatedServer server = future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
                synchronized (servers) {
                    servers.put(name, server);
                }
                LOG.infof("simulator %s listening on http://%s:%d models=%s", name, HOST, server.port(),
                        server.settings().models());
            } catch (ExecutionException | TimeoutException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                failures.add("switchboard.simulator.servers." + name + ".port: cannot listen on " + HOST + ":"
                        + config.servers().get(name).port() + " (" + cause.getMessage() + ")");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failures.add("switchboard.simulator.servers." + name + ": start-up interrupted");
            }
        });
        if (!failures.isEmpty()) {
            closeAll();
            throw new IllegalStateException("Simulator start-up failed: " + String.join("; ", failures));
        }
    }

    void stop(@Observes ShutdownEvent event) {
        closeAll();
    }

    /** The running simulator of that name, once started. */
    public Optional<SimulatedServer> server(String name) {
        synchronized (servers) {
            return Optional.ofNullable(servers.get(name));
        }
    }

    private void closeAll() {
        List<SimulatedServer> open;
        synchronized (servers) {
            open = List.copyOf(servers.values());
            servers.clear();
        }
        for (SimulatedServer server : open) {
            try {
                server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warnf("simulator %s did not close cleanly: %s", server.settings().name(), e.toString());
            }
        }
    }

    private static SimulatorSettings settings(String name, SimulatorConfig.Server server) {
        return new SimulatorSettings(name, HOST, server.port(), server.models(), server.ttftMs(),
                server.prefillMsPer1kTokens(), server.interTokenMs(), server.outputTokens(), server.maxRunning(),
                server.prefixCache(), 16, server.cacheBlocks(), Faults.NONE);
    }
}
