package dev.switchboard.simulator;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The simulated inference engine behind one server: fault injection, scheduling, the prefix cache and the counters.
 * Dialects hand it an {@link InferenceCall}; it decides whether, when and how fast the answer goes out.
 */
final class Engine {

    private static final AtomicLong IDS = new AtomicLong(ThreadLocalRandom.current().nextLong() >>> 8);

    private final Vertx vertx;
    private final SimulatorSettings settings;
    private final Scheduler scheduler;
    private final SimulatorMetrics metrics = new SimulatorMetrics();
    private final PrefixCache cache;
    private final AtomicLong inferenceRequests = new AtomicLong();
    private volatile Faults faults;
    private int heldBlocks;

    Engine(Vertx vertx, SimulatorSettings settings) {
        this.vertx = vertx;
        this.settings = settings;
        this.scheduler = new Scheduler(settings.maxRunning());
        this.cache = settings.prefixCache() ? new PrefixCache(settings.blockTokens(), settings.cacheBlocks()) : null;
        this.faults = settings.faults();
    }

    /** Answers a valid inference request: an injected status fault, or a generation queued for a slot. */
    void submit(HttpServerRequest request, InferenceCall call) {
        Faults current = faults;
        HttpServerResponse response = request.response();
        if (takesStatusFault(current)) {
            call.errors().send(response, current.status(),
                    "Simulated failure injected by the Switchboard simulator " + settings.name() + ".", null,
                    current.retryAfterSeconds());
            return;
        }
        if (response.closed()) {
            return;
        }
        if (call.stream() && !current.hang()) {
            // vLLM commits the response as soon as it accepts a stream; the first event waits for the first token
            response.setChunked(true)
                    .putHeader("content-type", "text/event-stream; charset=utf-8")
                    .putHeader("cache-control", "no-cache");
            response.writeHead();
        }
        scheduler.submit(new Generation(this, request, call, current));
    }

    /** Looks the prompt up in the prefix cache, caches its blocks, counts it; returns the cached tokens. */
    int admitPrompt(String prompt, int promptTokens) {
        int cached = cache == null ? 0 : cache.lookupAndInsert(prompt, promptTokens);
        metrics.admitted(promptTokens, cached);
        return cached;
    }

    long timeToFirstToken(int uncachedTokens) {
        return settings.ttftMillis() + Math.round(settings.prefillMillisPer1kTokens() * uncachedTokens / 1000.0);
    }

    /**
     * Takes the KV-cache blocks a running request holds (prompt and answer); returns how many, to give back later.
     * Like vLLM's usage gauge this counts blocks in use, not evictable cached ones, so it follows the load.
     */
    int holdBlocks(int tokens) {
        int blocks = (tokens + settings.blockTokens() - 1) / settings.blockTokens();
        heldBlocks += blocks;
        return blocks;
    }

    void releaseBlocks(int blocks) {
        heldBlocks -= blocks;
    }

    /** Used share of the KV cache, 0..1: blocks held by running requests over the capacity. */
    double cacheUsage() {
        return Math.min(1.0, (double) heldBlocks / settings.cacheBlocks());
    }

    boolean serves(String model) {
        return settings.models().contains(model);
    }

    Faults faults() {
        return faults;
    }

    /** Replaces the faults and restarts the rate counter, so a test's first request is request 1 again. */
    void faults(Faults value) {
        faults = value;
        inferenceRequests.set(0);
    }

    // Counter-based, not random: with rate r, request n (1-based) fails when floor(n*r) > floor((n-1)*r).
    private boolean takesStatusFault(Faults current) {
        if (current.status() == 0 || current.rate() == 0) {
            return false;
        }
        long n = inferenceRequests.incrementAndGet();
        return Math.floor(n * current.rate()) > Math.floor((n - 1) * current.rate());
    }

    /** A fresh id such as {@code chatcmpl-1f3a...}; unique within the JVM. */
    static String newId(String prefix) {
        return prefix + Long.toHexString(IDS.incrementAndGet());
    }

    Vertx vertx() {
        return vertx;
    }

    SimulatorSettings settings() {
        return settings;
    }

    Scheduler scheduler() {
        return scheduler;
    }

    SimulatorMetrics metrics() {
        return metrics;
    }
}
