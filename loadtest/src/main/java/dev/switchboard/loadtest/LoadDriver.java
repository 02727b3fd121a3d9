package dev.switchboard.loadtest;

import dev.switchboard.loadtest.report.Report;

import java.nio.file.Files;
import java.util.Arrays;

/**
 * The load driver's entry point: {@code java -jar switchboard-loadtest.jar --base-url ... --model ...} runs load and
 * writes a summary; {@code ... report <suite> <dir>} turns a suite's results into its report.
 */
public final class LoadDriver {

    private LoadDriver() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("report")) {
            System.exit(Report.main(Arrays.copyOfRange(args, 1, args.length)));
            return;
        }
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            System.out.println(Options.USAGE);
            return;
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("loadtest: " + e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        if (options.prewarmUrl() != null) {
            Summary warm = new Run(options.prewarmRun()).execute();
            System.err.println("loadtest: pre-warm " + warm.line());
            if (options.prewarmedFile() != null) {
                Files.writeString(options.prewarmedFile(), "done\n");
            }
        }
        Run run = new Run(options);
        if (options.readyUrl() != null && !ReadyWait.until(options.readyUrl(), options.readyTimeout())) {
            System.err.println("loadtest: " + options.readyUrl() + " did not answer 200 within "
                    + options.readyTimeout().toSeconds() + " s");
            System.exit(3);
            return;
        }
        Summary summary = run.execute();
        if (options.output() != null) {
            summary.write(options.output());
        }
        System.out.println(summary.line());
        System.exit(0); // Vert.x's threads may linger after close; the run is over
    }
}
