package dev.switchboard.loadtest;

import com.fasterxml.jackson.core.JsonFactory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One load run: keeps {@code concurrency} streams in flight (closed loop) or starts them at a set arrival rate
 * (open loop), counts only what starts after the warm-up, stops launching at the end of the duration or the request
 * count, waits a bounded time for what is still in flight, then drops it. All of it on one Vert.x event loop: at a few
 * hundred streams the driver then costs a small share of one core.
 */
final class Run {

    final Options options;
    final Vertx vertx;
    final HttpClient client;
    final JsonFactory json = new JsonFactory();
    final Chunk chunk = new Chunk();
    final Stats stats = new Stats();
    private final Workload workload;
    private final HashSet<StreamRequest> inFlight = new HashSet<>();
    private final SplittableRandom arrivals;
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private final URI chatUri;
    private final ProcessWatch processes;
    private final MetricsScrape metrics;
    private long measureStart;
    private long measureEnd;
    private long stopNanos;
    private long lastMeasuredEnd;
    private long nextArrival;
    private long launchedMeasured;
    private boolean stopping;
    private boolean stoppedByDuration;
    private boolean done;
    private String stopReason = "";

    Run(Options options) {
        this.options = options;
        // One event loop, one worker: the driver shares two cores with the router and the simulators.
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1).setBlockedThreadCheckInterval(10_000));
        int connections = options.openLoop() ? options.maxInflight() : options.concurrency();
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setKeepAlive(true)
                .setKeepAliveTimeout(120)
                .setTcpNoDelay(true)
                .setTryUseCompression(false)
                .setConnectTimeout(5_000)
                .setMaxInitialLineLength(16 * 1024)
                .setMaxHeaderSize(64 * 1024)
                .setTrustAll(true)
                .setVerifyHost(false),
                new PoolOptions().setHttp1MaxSize(connections + 8).setMaxWaitQueueSize(-1));
        this.workload = Workload.of(options);
        this.arrivals = new SplittableRandom(options.seed());
        this.chatUri = URI.create(options.baseUrl() + "/chat/completions");
        List<Options.Watch> watches = new ArrayList<>(options.watches());
        watches.add(new Options.Watch("driver", List.of(ProcessHandle.current().pid())));
        this.processes = new ProcessWatch(watches, options.sampleEvery());
        this.metrics = new MetricsScrape(client, options.metricsUrls());
    }

    /** Runs to the end and returns the summary; never takes much longer than warm-up + duration + drain. */
    Summary execute() {
        long hardCapMillis = options.warmup().toMillis() + options.duration().toMillis()
                + options.drainTimeout().toMillis() + 20_000;
        vertx.runOnContext(v -> start());
        boolean hardStop = false;
        try {
            finished.get(hardCapMillis, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            hardStop = true;
        }
        CompletableFuture<Summary> summary = new CompletableFuture<>();
        boolean hard = hardStop;
        vertx.runOnContext(v -> summary.complete(summarize(hard)));
        Summary result;
        try {
            result = summary.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            result = summarize(true); // the event loop itself is stuck: read what is there
        }
        processes.close();
        vertx.close();
        return result;
    }

    RequestOptions requestOptions(String tenant) {
        RequestOptions request = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setAbsoluteURI(chatUri.toString())
                .setIdleTimeout(options.idleTimeout().toMillis())
                .putHeader("content-type", "application/json")
                .putHeader("accept", "text/event-stream");
        if (options.token() != null) {
            request.putHeader("authorization", "Bearer " + options.token());
        }
        if (tenant != null) {
            request.putHeader("x-tenant-id", tenant);
        }
        return request;
    }

    /** A content event arrived at {@code nanos}: the aggregate token rate counts those inside the window. */
    void contentArrived(long nanos) {
        if (nanos >= measureStart && nanos <= measureEnd) {
            stats.windowContentEvents++;
        }
    }

    /** A request ended, well or not. */
    void ended(StreamRequest request) {
        inFlight.remove(request);
        boolean ok = request.ok();
        workload.finished(request.turn, ok, ok && workload.keepsReplies() ? request.text() : null);
        if (request.measured) {
            record(request);
        }
        if (stopping) {
            if (inFlight.isEmpty()) {
                finish();
            }
        } else if (!options.openLoop()) {
            if ("connect".equals(request.error())) {
                // nothing listens: pause before the next try instead of spinning through refusals
                vertx.setTimer(10, id -> launch(System.nanoTime()));
            } else {
                launch(System.nanoTime());
            }
        }
    }

    private void start() {
        long t0 = System.nanoTime();
        measureStart = t0 + options.warmup().toNanos();
        measureEnd = measureStart + options.duration().toNanos();
        if (options.warmup().isZero()) {
            windowOpened();
        } else {
            vertx.setTimer(options.warmup().toMillis(), id -> windowOpened());
        }
        vertx.setTimer(Math.max(1, (measureEnd - t0) / 1_000_000), id -> {
            stoppedByDuration = true;
            stop("duration");
        });
        if (options.openLoop()) {
            nextArrival = t0;
            arrive();
        } else {
            // Spread the first launches over part of the warm-up: streams started together finish together, and
            // completions in bursts would make requests/s depend on where the window edges fall.
            long spreadMillis = Math.min(options.warmup().toMillis() / 2, 2_000);
            for (int i = 0; i < options.concurrency() && !stopping; i++) {
                long delay = spreadMillis * i / options.concurrency();
                if (delay == 0) {
                    launch(t0);
                } else {
                    vertx.setTimer(delay, id -> launch(System.nanoTime()));
                }
            }
        }
    }

    private void windowOpened() {
        processes.start();
        metrics.before();
    }

    private void arrive() {
        long now = System.nanoTime();
        while (!stopping && nextArrival <= now) {
            if (inFlight.size() >= options.maxInflight()) {
                if (nextArrival >= measureStart) {
                    stats.dropped++;
                }
            } else {
                launch(nextArrival);
            }
            nextArrival += gapNanos();
        }
        if (!stopping) {
            vertx.setTimer(Math.max(1, (nextArrival - System.nanoTime()) / 1_000_000), id -> arrive());
        }
    }

    private long gapNanos() {
        double mean = 1e9 / options.rate();
        if (options.arrival().equals("uniform")) {
            return Math.max(1, Math.round(mean));
        }
        return Math.max(1, Math.round(-Math.log(1 - arrivals.nextDouble()) * mean));
    }

    private void launch(long intendedStart) {
        if (stopping) {
            return;
        }
        boolean measured = intendedStart >= measureStart;
        if (measured) {
            launchedMeasured++;
            stats.started++;
        }
        StreamRequest request = new StreamRequest(this, workload.next(), intendedStart, measured,
                workload.keepsReplies());
        inFlight.add(request);
        request.send();
        if (measured && options.requests() > 0 && launchedMeasured >= options.requests()) {
            stop("requests");
        }
    }

    private void record(StreamRequest request) {
        lastMeasuredEnd = Math.max(lastMeasuredEnd, request.endNanos);
        if (!request.ok()) {
            if ("unfinished".equals(request.error())) {
                stats.unfinished++;
            } else {
                stats.error(request.error());
            }
            return;
        }
        stats.succeeded++;
        if (request.endNanos <= measureEnd) {
            stats.windowSuccesses++;
        }
        long e2e = request.endNanos - request.startNanos;
        stats.ttft.recordValue(Math.max(0, request.ttftNanos() / 1_000));
        stats.endToEnd.recordValue(e2e / 1_000);
        int tokens = request.completionTokens > 0 ? request.completionTokens : request.contentEvents();
        stats.outputTokens += tokens;
        if (request.completionTokens >= 0) {
            stats.requestsWithUsage++;
            stats.promptTokens += Math.max(0, request.promptTokens);
            stats.cachedPromptTokens += Math.max(0, request.cachedTokens);
        }
        if (e2e > 0) {
            stats.tokensPerSecond.recordValue(tokens * 1e9 / e2e);
        }
    }

    private void stop(String reason) {
        if (stopping) {
            return;
        }
        stopping = true;
        stopReason = reason;
        stopNanos = System.nanoTime();
        processes.windowClosed();
        if (inFlight.isEmpty()) {
            finish();
            return;
        }
        vertx.setTimer(Math.max(1, options.drainTimeout().toMillis()), id -> {
            for (StreamRequest request : List.copyOf(inFlight)) {
                request.abandon();
            }
            finish();
        });
    }

    private void finish() {
        if (done) {
            return;
        }
        done = true;
        processes.stop();
        Future<Void> after = metrics.after();
        after.onComplete(v -> finished.complete(null));
    }

    private Summary summarize(boolean hardStop) {
        long windowEnd = stoppedByDuration ? measureEnd : Math.max(stopNanos, lastMeasuredEnd);
        if (!stopping) {
            windowEnd = System.nanoTime();
        }
        double windowSeconds = Math.max(1e-9, (windowEnd - measureStart) / 1e9);
        return new Summary(options, stats, windowSeconds, hardStop ? "hard-stop" : stopReason, inFlight.size(),
                processes.results(), metrics.results());
    }

    /** Prometheus scrape results, by URL: the counters' change over the window. */
    record MetricsDelta(String url, Map<String, Double> delta, String error) {
    }
}
