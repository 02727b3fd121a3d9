package dev.switchboard.loadtest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The driver's command line, parsed by hand ({@code --flag value} or {@code --flag=value}).
 *
 * @param baseUrl         API root of any OpenAI-compatible server, e.g. {@code http://127.0.0.1:8080/v1}
 * @param token           bearer token sent as {@code Authorization}, or null for none
 * @param model           the {@code model} field of every request
 * @param label           names this run in the summary line and the JSON (e.g. {@code router c=64})
 * @param concurrency     closed loop: streams in flight at all times (ignored when {@code rate > 0})
 * @param rate            open loop: arrivals per second; 0 means closed loop
 * @param arrival         open loop: {@code poisson} or {@code uniform} gaps between arrivals
 * @param maxInflight     open loop: arrivals beyond this many in flight are dropped and counted
 * @param duration        how long to measure, after the warm-up
 * @param warmup          load sent before measuring; those requests are not counted
 * @param requests        stop after this many measured requests (0: no limit); whichever of this and duration
 *                        comes first
 * @param requestTimeout  longest one request may take before it is cut and counted as a timeout
 * @param idleTimeout     longest silence inside one response before it is cut and counted as a timeout
 * @param drainTimeout    after the end, how long requests still in flight may take to finish
 * @param promptTokens    single-turn: prompt length; multi-turn: length of each new user message
 * @param maxTokens       {@code max_tokens} of every request
 * @param tenant          single-turn: {@code X-Tenant-ID} sent with every request, or null
 * @param workload        {@code single-turn} or {@code multi-turn}
 * @param tenants         multi-turn: tenants, each with its own shared system prompt
 * @param conversations   multi-turn: conversations kept going at once (spread over the tenants)
 * @param turns           multi-turn: user turns per conversation before it starts over
 * @param systemPromptTokens multi-turn: length of each tenant's system prompt
 * @param seed            seeds the generated text, so runs send the same prompts
 * @param output          where the JSON summary goes (null: none)
 * @param watches         processes whose CPU, RSS and sockets are sampled during the measured window
 * @param sampleEvery     interval of those samples
 * @param metricsUrls     Prometheus endpoints scraped at the start and end of the measured window
 * @param readyUrl        polled every 10 ms until it answers 200 before any load is sent (null: start at once), so a
 *                        server that is still starting is measured from the moment it is ready
 * @param readyTimeout    how long to poll {@code readyUrl} before giving up
 * @param prewarmUrl      API root the driver loads first, uncounted, to compile its own code before the run (null:
 *                        none); with {@code readyUrl}, a server started afterwards is measured cold by a warm driver
 * @param prewarmModel    the model of those requests
 * @param prewarm         how long to load {@code prewarmUrl}
 * @param prewarmedFile   created once the pre-warm is over, so a suite knows when to start the server under test
 */
public record Options(String baseUrl, String token, String model, String label, int concurrency, double rate,
        String arrival, int maxInflight, Duration duration, Duration warmup, long requests, Duration requestTimeout,
        Duration idleTimeout, Duration drainTimeout, int promptTokens, int maxTokens, String tenant, String workload,
        int tenants, int conversations, int turns, int systemPromptTokens, long seed, Path output,
        List<Watch> watches, Duration sampleEvery, List<String> metricsUrls, String readyUrl,
        Duration readyTimeout, String prewarmUrl, String prewarmModel, Duration prewarm, Path prewarmedFile) {

    static final String USAGE = """
            usage: java -jar switchboard-loadtest.jar [options]
                   java -jar switchboard-loadtest.jar report <suite> <results-dir>
              --base-url URL            API root, e.g. http://127.0.0.1:8080/v1 (required)
              --token T                 bearer token (default: env SWITCHBOARD_LOADTEST_TOKEN, else none)
              --model NAME              model of every request (required)
              --label TEXT              names the run in the summary (default: the base URL)
              --concurrency N           closed loop: streams in flight (default 16)
              --rate R                  open loop: arrivals per second (default 0 = closed loop)
              --arrival poisson|uniform open-loop gaps (default poisson)
              --max-inflight N          open loop: drop arrivals beyond this many in flight (default 4096)
              --duration D              measured time, e.g. 20s, 10m (default 30s)
              --warmup D                unmeasured load first (default 0s)
              --requests N              stop after N measured requests, whichever comes first (default 0 = no limit)
              --request-timeout D       cut a request after this long (default 120s)
              --idle-timeout D          cut a response silent this long (default 30s)
              --drain-timeout D         wait this long for requests in flight at the end (default 15s)
              --prompt-tokens N         prompt length; multi-turn: each new user message (default 128)
              --max-tokens N            max_tokens (default 64)
              --tenant NAME             X-Tenant-ID on every single-turn request
              --workload single-turn|multi-turn (default single-turn)
              --tenants T               multi-turn: tenants sharing a system prompt each (default 4)
              --conversations C         multi-turn: conversations kept going (default 32)
              --turns N                 multi-turn: turns per conversation (default 8)
              --system-prompt-tokens S  multi-turn: system prompt length (default 1024)
              --seed N                  text generator seed (default 1)
              --out FILE                write the JSON summary there
              --watch LABEL=PID[,PID]   sample this process's CPU, RSS and sockets (repeatable)
              --sample-every D          sample interval (default 1s)
              --metrics-url URL         scrape this Prometheus endpoint before and after (repeatable)
              --wait-ready URL          first poll URL every 10 ms until it answers 200, then start (exit 3 if it
                                        never does)
              --wait-ready-timeout D    how long to poll it (default 60s)
              --prewarm-url URL         first load this API root, uncounted, so the driver's own code is compiled
                                        before the run (with --wait-ready: a cold server, a warm driver)
              --prewarm-model NAME      model of those requests (default: --model)
              --prewarm D               how long (default 10s)
              --prewarmed-file F        create F when the pre-warm is over
            Tokens are counted as the simulator does: 4 characters each.""";

    /** A process (or several, summed) to sample, e.g. {@code router=1234}. */
    public record Watch(String label, List<Long> pids) {
    }

    public boolean openLoop() {
        return rate > 0;
    }

    public boolean multiTurn() {
        return workload.equals("multi-turn");
    }

    static Options parse(String[] args) {
        String baseUrl = null;
        String token = System.getenv("SWITCHBOARD_LOADTEST_TOKEN");
        String model = null;
        String label = null;
        int concurrency = 16;
        double rate = 0;
        String arrival = "poisson";
        int maxInflight = 4096;
        Duration duration = Duration.ofSeconds(30);
        Duration warmup = Duration.ZERO;
        long requests = 0;
        Duration requestTimeout = Duration.ofSeconds(120);
        Duration idleTimeout = Duration.ofSeconds(30);
        Duration drainTimeout = Duration.ofSeconds(15);
        int promptTokens = 128;
        int maxTokens = 64;
        String tenant = null;
        String workload = "single-turn";
        int tenants = 4;
        int conversations = 32;
        int turns = 8;
        int systemPromptTokens = 1024;
        long seed = 1;
        Path output = null;
        List<Watch> watches = new ArrayList<>();
        Duration sampleEvery = Duration.ofSeconds(1);
        List<String> metricsUrls = new ArrayList<>();
        String readyUrl = null;
        Duration readyTimeout = Duration.ofSeconds(60);
        String prewarmUrl = null;
        String prewarmModel = null;
        Duration prewarm = Duration.ofSeconds(10);
        Path prewarmedFile = null;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            String value = null;
            int equals = flag.indexOf('=');
            if (flag.startsWith("--") && equals > 0) {
                value = flag.substring(equals + 1);
                flag = flag.substring(0, equals);
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(flag + " needs a value");
                }
                value = args[++i];
            }
            switch (flag) {
                case "--base-url" -> baseUrl = value.strip().replaceAll("/+$", "");
                case "--token" -> token = value.isBlank() ? null : value;
                case "--model" -> model = value;
                case "--label" -> label = value;
                case "--concurrency" -> concurrency = whole(flag, value, 1, 100_000);
                case "--rate" -> rate = decimal(flag, value, 0);
                case "--arrival" -> arrival = oneOf(flag, value, "poisson", "uniform");
                case "--max-inflight" -> maxInflight = whole(flag, value, 1, 1_000_000);
                case "--duration" -> duration = duration(flag, value);
                case "--warmup" -> warmup = duration(flag, value);
                case "--requests" -> requests = whole(flag, value, 0, Integer.MAX_VALUE);
                case "--request-timeout" -> requestTimeout = duration(flag, value);
                case "--idle-timeout" -> idleTimeout = duration(flag, value);
                case "--drain-timeout" -> drainTimeout = duration(flag, value);
                case "--prompt-tokens" -> promptTokens = whole(flag, value, 1, 1_000_000);
                case "--max-tokens" -> maxTokens = whole(flag, value, 1, 1_000_000);
                case "--tenant" -> tenant = value;
                case "--workload" -> workload = oneOf(flag, value, "single-turn", "multi-turn");
                case "--tenants" -> tenants = whole(flag, value, 1, 100_000);
                case "--conversations" -> conversations = whole(flag, value, 1, 1_000_000);
                case "--turns" -> turns = whole(flag, value, 1, 10_000);
                case "--system-prompt-tokens" -> systemPromptTokens = whole(flag, value, 0, 1_000_000);
                case "--seed" -> seed = Long.parseLong(value.strip());
                case "--out" -> output = Path.of(value);
                case "--watch" -> watches.add(watch(value));
                case "--sample-every" -> sampleEvery = duration(flag, value);
                case "--metrics-url" -> metricsUrls.add(value);
                case "--wait-ready" -> readyUrl = value.strip();
                case "--wait-ready-timeout" -> readyTimeout = duration(flag, value);
                case "--prewarm-url" -> prewarmUrl = value.strip().replaceAll("/+$", "");
                case "--prewarm-model" -> prewarmModel = value;
                case "--prewarm" -> prewarm = duration(flag, value);
                case "--prewarmed-file" -> prewarmedFile = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + flag);
            }
        }
        if (baseUrl == null || !(baseUrl.startsWith("http://") || baseUrl.startsWith("https://"))) {
            throw new IllegalArgumentException("--base-url http://host:port/v1 is required");
        }
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("--model is required");
        }
        if (duration.isZero() && requests == 0) {
            throw new IllegalArgumentException("give --duration or --requests");
        }
        if (duration.isZero()) {
            duration = Duration.ofDays(1); // --requests alone; the request count ends the run
        }
        if (readyUrl != null && !readyUrl.startsWith("http://")) {
            throw new IllegalArgumentException("--wait-ready needs an http:// URL, got '" + readyUrl + "'");
        }
        if (sampleEvery.toMillis() < 100) {
            throw new IllegalArgumentException("--sample-every must be at least 100ms");
        }
        return new Options(baseUrl, token, model, label == null ? baseUrl : label, concurrency, rate, arrival,
                maxInflight, duration, warmup, requests, requestTimeout, idleTimeout, drainTimeout, promptTokens,
                maxTokens, tenant, workload, tenants, conversations, turns, systemPromptTokens, seed,
                output, List.copyOf(watches), sampleEvery, List.copyOf(metricsUrls), readyUrl, readyTimeout,
                prewarmUrl, prewarmModel == null ? model : prewarmModel, prewarm, prewarmedFile);
    }

    /** The pre-warm run: this run's load shape against {@link #prewarmUrl}, unwatched, unwritten, without a token. */
    Options prewarmRun() {
        return new Options(prewarmUrl, null, prewarmModel, "pre-warm", concurrency, rate, arrival, maxInflight,
                prewarm, Duration.ZERO, 0, requestTimeout, idleTimeout, drainTimeout, promptTokens, maxTokens, tenant,
                workload, tenants, conversations, turns, systemPromptTokens, seed, null, List.of(), sampleEvery,
                List.of(), null, readyTimeout, null, prewarmModel, prewarm, null);
    }

    /** {@code 250ms}, {@code 20s}, {@code 10m}, {@code 1h}, or plain seconds. */
    static Duration duration(String flag, String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        try {
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            long unit = switch (v.charAt(v.length() - 1)) {
                case 's' -> 1;
                case 'm' -> 60;
                case 'h' -> 3600;
                default -> 0;
            };
            if (unit == 0) {
                return Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000));
            }
            return Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * unit * 1000));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(flag + " needs a duration such as 500ms, 20s or 10m, got '" + value + "'");
        }
    }

    private static Watch watch(String value) {
        int equals = value.indexOf('=');
        if (equals <= 0) {
            throw new IllegalArgumentException("--watch needs LABEL=PID[,PID...], got '" + value + "'");
        }
        List<Long> pids = new ArrayList<>();
        for (String pid : value.substring(equals + 1).split(",")) {
            if (!pid.isBlank()) {
                pids.add(Long.parseLong(pid.strip()));
            }
        }
        return new Watch(value.substring(0, equals), List.copyOf(pids));
    }

    private static int whole(String flag, String value, int min, int max) {
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

    private static double decimal(String flag, String value, double min) {
        try {
            double d = Double.parseDouble(value.strip());
            if (!(d >= min)) {
                throw new IllegalArgumentException(flag + " must be at least " + min + ", got " + value);
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " needs a number, got '" + value + "'");
        }
    }

    private static String oneOf(String flag, String value, String... allowed) {
        for (String a : allowed) {
            if (a.equals(value)) {
                return a;
            }
        }
        throw new IllegalArgumentException(flag + " must be one of " + String.join(", ", allowed) + ", got '" + value
                + "'");
    }
}
