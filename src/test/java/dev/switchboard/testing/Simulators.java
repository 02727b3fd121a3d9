package dev.switchboard.testing;

import dev.switchboard.simulator.EmbeddedSimulators;
import dev.switchboard.simulator.Faults;
import dev.switchboard.simulator.SimulatedServer;
import io.quarkus.arc.Arc;

/** The test profile's embedded simulated servers, by name (sim-a, sim-b, sim-c, sim-faulty). */
public final class Simulators {

    private Simulators() {
    }

    public static SimulatedServer server(String name) {
        return Arc.container().instance(EmbeddedSimulators.class).get().server(name)
                .orElseThrow(() -> new IllegalStateException("no simulated server " + name));
    }

    /** Clears recorded requests and faults on every test server, so tests do not see each other's traffic. */
    public static void reset() {
        for (String name : new String[] {"sim-a", "sim-b", "sim-c", "sim-faulty"}) {
            SimulatedServer server = server(name);
            server.clearRecentRequests();
            server.faults(Faults.NONE);
        }
    }
}
