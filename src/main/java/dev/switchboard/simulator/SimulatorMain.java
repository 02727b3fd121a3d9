package dev.switchboard.simulator;

import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The simulator as a program of its own: N {@link SimulatedServer}s on consecutive ports, until SIGTERM or SIGINT.
 * Run it as {@code java -jar target/switchboard.jar simulator --port 8001 --count 2}.
 */
public final class SimulatorMain {

    private static final String USAGE = """
            usage: simulator [options]
              --host ADDRESS            address to bind (127.0.0.1)
              --port N                  port of the first server (8001); 0 picks free ports
              --count N                 servers to start, on consecutive ports (1)
              --model ID                model served; repeat or give a comma list (demo-model)
              --ttft-ms N               time to first token (20)
              --prefill-ms-per-1k N     extra time to first token per 1000 uncached prompt tokens (0)
              --itl-ms N                delay between tokens (5)
              --output-tokens N         tokens per answer (32)
              --max-running N           requests generating at once; the rest wait (256)
              --prefix-cache true|false prefix KV-cache model (true)
              --cache-blocks N          KV-cache capacity in blocks of 16 tokens (8192)
              --fault-status N          answer this HTTP status to a share of requests (off)
              --fault-rate R            that share, 0..1 (1 when --fault-status is given)
              --help                    this text""";

    private SimulatorMain() {
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("simulator: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        if (options.help) {
            System.out.println(USAGE);
            return;
        }
        Vertx vertx = Vertx.vertx();
        for (int i = 0; i < options.count; i++) {
            SimulatorSettings settings = options.settings(i);
            try {
                SimulatedServer server = SimulatedServer.start(vertx, settings).toCompletionStage()
                        .toCompletableFuture().get(30, TimeUnit.SECONDS);
                System.out.println("simulator " + settings.name() + " listening on http://" + settings.host() + ":"
                        + server.port() + " models=" + settings.models());
            } catch (Exception e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                System.err.println("simulator " + settings.name() + " could not listen on " + settings.host() + ":"
                        + settings.port() + ": " + cause.getMessage());
                stop(vertx);
                System.exit(1);
                return;
            }
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop(vertx);
            stopped.countDown();
        }, "simulator-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // Closing Vert.x closes every server on it, and with them their connections and timers.
    private static void stop(Vertx vertx) {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            System.err.println("simulator: shutdown did not complete: " + e);
        }
    }

    /** The command line, parsed by hand: {@code --flag value} or {@code --flag=value}. */
    private static final class Options {
        String host = "127.0.0.1";
        int port = 8001;
        int count = 1;
        final List<String> models = new ArrayList<>();
        long ttftMillis = 20;
        double prefillPer1k = 0;
        long interTokenMillis = 5;
        int outputTokens = 32;
        int maxRunning = 256;
        boolean prefixCache = true;
        int cacheBlocks = 8192;
        int faultStatus = 0;
        Double faultRate;
        boolean help;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String flag = args[i];
                String value = null;
                int equals = flag.indexOf('=');
                if (equals > 0) {
                    value = flag.substring(equals + 1);
                    flag = flag.substring(0, equals);
                }
                if (flag.equals("--help") || flag.equals("-h")) {
                    o.help = true;
                    continue;
                }
                if (value == null) {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(flag + " needs a value");
                    }
                    value = args[++i];
                }
                switch (flag) {
                    case "--host" -> o.host = value;
                    case "--port" -> o.port = number(flag, value, 0, 65535);
                    case "--count" -> o.count = number(flag, value, 1, 1000);
                    case "--model" -> {
                        for (String model : value.split(",")) {
                            if (!model.isBlank()) {
                                o.models.add(model.strip());
                            }
                        }
                    }
                    case "--ttft-ms" -> o.ttftMillis = number(flag, value, 0, Integer.MAX_VALUE);
                    case "--prefill-ms-per-1k" -> o.prefillPer1k = decimal(flag, value);
                    case "--itl-ms" -> o.interTokenMillis = number(flag, value, 0, Integer.MAX_VALUE);
                    case "--output-tokens" -> o.outputTokens = number(flag, value, 1, Integer.MAX_VALUE);
                    case "--max-running" -> o.maxRunning = number(flag, value, 1, Integer.MAX_VALUE);
                    case "--prefix-cache" -> o.prefixCache = bool(flag, value);
                    case "--cache-blocks" -> o.cacheBlocks = number(flag, value, 1, Integer.MAX_VALUE);
                    case "--fault-status" -> o.faultStatus = number(flag, value, 100, 599);
                    case "--fault-rate" -> o.faultRate = decimal(flag, value);
                    default -> throw new IllegalArgumentException("unknown option " + flag);
                }
            }
            if (o.port > 0 && o.port + o.count - 1 > 65535) {
                throw new IllegalArgumentException("--port " + o.port + " with --count " + o.count
                        + " runs past port 65535");
            }
            o.settings(0); // fails here, with its message, on values the settings refuse
            return o;
        }

        SimulatorSettings settings(int index) {
            double rate = faultRate != null ? faultRate : faultStatus > 0 ? 1.0 : 0.0;
            Faults faults = faultStatus > 0 ? Faults.failing(faultStatus, rate) : Faults.NONE;
            return new SimulatorSettings("sim-" + (index + 1), host, port == 0 ? 0 : port + index,
                    models.isEmpty() ? List.of("demo-model") : models, ttftMillis, prefillPer1k, interTokenMillis,
                    outputTokens, maxRunning, prefixCache, 16, cacheBlocks, faults);
        }

        private static int number(String flag, String value, int min, int max) {
            try {
                int n = Integer.parseInt(value.strip());
                if (n < min || n > max) {
                    throw new IllegalArgumentException(flag + " must be within " + min + ".." + max + ", got " + n);
                }
                return n;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(flag + " needs a whole number, got '" + value + "'");
            }
        }

        private static double decimal(String flag, String value) {
            try {
                return Double.parseDouble(value.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(flag + " needs a number, got '" + value + "'");
            }
        }

        private static boolean bool(String flag, String value) {
            return switch (value.strip().toLowerCase(Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new IllegalArgumentException(flag + " needs true or false, got '" + value + "'");
            };
        }
    }
}
