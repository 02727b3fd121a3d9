package dev.switchboard;

import dev.switchboard.simulator.SimulatorMain;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.Arrays;

/**
 * Entry point of the jar. {@code simulator ...} runs the standalone vLLM simulator without starting Quarkus (see
 * {@link SimulatorMain}); anything else starts the router.
 */
@QuarkusMain
public final class SwitchboardMain {

    private SwitchboardMain() {
    }

    public static void main(String... args) {
        if (args.length > 0 && args[0].equals("simulator")) {
            SimulatorMain.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        Quarkus.run(args);
    }
}
