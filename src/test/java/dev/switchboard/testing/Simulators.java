package dev.switchboard.testing;

import dev.switchboard.health.TargetHealthRegistry;
import dev.switchboard.simulator.EmbeddedSimulators;
import dev.switchboard.simulator.Faults;
import dev.switchboard.simulator.SimulatedServer;
import dev.switchboard.simulator.ReceivedRequest;
import io.quarkus.arc.Arc;

import java.util.List;

/** The test profile's embedded simulated servers, by name (sim-a, sim-b, sim-c, sim-faulty). */
public final class Simulators {

    private Simulators() {
    }

    public static SimulatedServer server(String name) {
        return Arc.container().instance(EmbeddedSimulators.class).get().server(name)
                .orElseThrow(() -> new IllegalStateException("no simulated server " + name));
    }

    /** The chat completions {@code name} received since the last reset, oldest first; probes left out. */
    public static List<ReceivedRequest> completions(String name) {
        return server(name).recentRequests().stream()
                .filter(request -> request.path().equals("/v1/chat/completions")).toList();
    }

    /** Clears recorded requests, faults and passive health state, so tests do not see each other's traffic. */
    public static void reset() {
        for (String name : new String[] {"sim-a", "sim-b", "sim-c", "sim-faulty"}) {
            SimulatedServer server = server(name);
            server.clearRecentRequests();
            server.faults(Faults.NONE);
        }
        Arc.container().instance(TargetHealthRegistry.class).get().clearPassive();
    }
}
