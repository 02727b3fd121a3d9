package dev.switchboard;

import dev.switchboard.bringup.BringUpMain;
import dev.switchboard.simulator.SimulatorMain;
import dev.switchboard.training.TrainingMain;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

import java.util.Arrays;

/**
 * Entry point of the jar. {@code simulator ...} runs the standalone vLLM simulator and {@code bringup ...} brings up a
 * remote vLLM server over SSH, neither starting Quarkus; {@code train} is the AOT cache's training run
 * ({@link TrainingMain}); anything else starts the router.
 */
@QuarkusMain
public final class SwitchboardMain {

    private SwitchboardMain() {
    }

    public static void main(String... args) {
        String command = args.length > 0 ? args[0] : "";
        String[] rest = args.length > 0 ? Arrays.copyOfRange(args, 1, args.length) : args;
        switch (command) {
            case "simulator" -> SimulatorMain.main(rest);
            case "bringup" -> System.exit(BringUpMain.run(rest));
            case "train" -> TrainingMain.main(rest);
            default -> Quarkus.run(args);
        }
    }
}
