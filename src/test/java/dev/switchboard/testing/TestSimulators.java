package dev.switchboard.testing;

import dev.switchboard.simulator.Faults;
import dev.switchboard.simulator.SimulatedServer;
import dev.switchboard.simulator.SimulatorSettings;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The test profile's simulated servers, started before the router on ports the system chose (bound to port 0, so
 * two test runs on one machine never collide), and the {@code test.port.*} values its providers' URLs are built from.
 * Applies to every {@code @QuarkusTest}; a profile restart starts a fresh set.
 */
@QuarkusTestResource(TestSimulators.class)
public class TestSimulators implements QuarkusTestResourceLifecycleManager {

    private static final Map<String, SimulatedServer> SERVERS = new HashMap<>();
    private static volatile int nowherePort;

    private Vertx vertx;

    /** The server called {@code name} (sim-a, sim-b, sim-c, sim-faulty, sim-d). */
    static synchronized SimulatedServer server(String name) {
        SimulatedServer server = SERVERS.get(name);
        if (server == null) {
            throw new IllegalStateException("no simulated server " + name);
        }
        return server;
    }

    /** A port nothing listens on, behind the provider {@code nowhere}. */
    public static int nowherePort() {
        return nowherePort;
    }

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        Map<String, SimulatorSettings> settings = new LinkedHashMap<>();
        settings.put("sim-a", settings("sim-a", "qwen-upstream", 1, 12));
        settings.put("sim-b", settings("sim-b", "qwen-upstream", 1, 12));
        settings.put("sim-c", settings("sim-c", "llama-upstream", 1, 12));
        settings.put("sim-faulty", settings("sim-faulty", "qwen-upstream", 20, 50));
        settings.put("sim-d", settings("sim-d", "qwen-upstream", 1, 12)); // speaks Chat, Messages and Responses
        Map<String, String> config = new HashMap<>();
        synchronized (TestSimulators.class) {
            SERVERS.clear();
            settings.forEach((name, server) -> {
                try {
                    SimulatedServer started = SimulatedServer.start(vertx, server).toCompletionStage()
                            .toCompletableFuture().get(30, TimeUnit.SECONDS);
                    SERVERS.put(name, started);
                    config.put("test.port." + name, Integer.toString(started.port()));
                } catch (Exception e) {
                    throw new IllegalStateException("simulated server " + name + " did not start", e);
                }
            });
        }
        nowherePort = unusedPort();
        config.put("test.port.nowhere", Integer.toString(nowherePort));
        return config;
    }

    @Override
    public void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    private static SimulatorSettings settings(String name, String model, long interTokenMillis, int outputTokens) {
        return new SimulatorSettings(name, "127.0.0.1", 0, List.of(model), 5, 0, interTokenMillis, outputTokens, 256,
                true, 16, 8192, Faults.NONE);
    }

    /** A port the system just handed out and took back: nothing listens there. */
    private static int unusedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
