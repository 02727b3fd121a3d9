package dev.switchboard.testing;

import dev.switchboard.health.TargetHealthRegistry;
import dev.switchboard.simulator.Faults;
import dev.switchboard.simulator.SimulatedServer;
import dev.switchboard.simulator.ReceivedRequest;
import io.quarkus.arc.Arc;
import org.awaitility.Awaitility;

import java.time.Duration;

import java.util.List;

/** The test profile's simulated servers ({@link TestSimulators}), by name (sim-a, sim-b, sim-c, sim-faulty, sim-d). */
public final class Simulators {

    private Simulators() {
    }

    public static SimulatedServer server(String name) {
        return TestSimulators.server(name);
    }

    /** The chat completions {@code name} received since the last reset, oldest first; probes left out. */
    public static List<ReceivedRequest> completions(String name) {
        return received(name, "/v1/chat/completions");
    }

    /** The requests to {@code path} (e.g. {@code /v1/messages}) {@code name} received since the last reset. */
    public static List<ReceivedRequest> received(String name, String path) {
        return server(name).recentRequests().stream().filter(request -> request.path().equals(path)).toList();
    }

    /**
     * Clears recorded requests, faults and passive health state, so tests do not see each other's traffic; a server
     * a test made unhealthy is waited for until its probe has passed again.
     */
    public static void reset() {
        boolean wasUnhealthy = false;
        for (String name : new String[] {"sim-a", "sim-b", "sim-c", "sim-faulty", "sim-d"}) {
            SimulatedServer server = server(name);
            wasUnhealthy |= server.faults().unhealthy();
            server.clearRecentRequests();
            server.faults(Faults.NONE);
        }
        TargetHealthRegistry health = Arc.container().instance(TargetHealthRegistry.class).get();
        health.clearPassive();
        if (wasUnhealthy) {
            // down by probe, except targets whose model the server does not list (down on purpose)
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> health.statuses().stream()
                    .noneMatch(t -> t.state().equals("down") && !t.reason().contains("is not listed")));
        }
    }
}
