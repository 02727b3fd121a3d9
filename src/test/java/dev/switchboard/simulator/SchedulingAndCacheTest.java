package dev.switchboard.simulator;

import static dev.switchboard.simulator.SimulatorHarness.chat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SchedulingAndCacheTest {

    private final SimulatorHarness harness = new SimulatorHarness();

    @AfterEach
    void closeServers() {
        harness.close();
    }

    @Test
    void queuesRequestsBeyondMaxRunning() {
        SimulatedServer server = harness.start(SimulatorSettings.defaults("sim-one", 0).withMaxRunning(1)
                .withTtftMillis(600).withOutputTokens(1));

        CompletableFuture<HttpResponse<String>> first = sendAsync(server, chat("demo-model", "first").encode());
        await().atMost(Duration.ofSeconds(5)).until(() -> server.running() == 1);
        CompletableFuture<HttpResponse<String>> second = sendAsync(server, chat("demo-model", "second").encode());

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(5)).until(() -> server.waiting() == 1);
        assertEquals(1, server.running());
        assertEquals(200, first.join().statusCode());
        assertEquals(200, second.join().statusCode());
        // the slot is freed as the answer ends, which the client may see a moment before the server's books do
        await().atMost(Duration.ofSeconds(2)).until(() -> server.running() == 0 && server.waiting() == 0);
    }

    @Test
    void reportsKvCacheBlocksHeldByRunningRequests() {
        SimulatedServer server = harness.start(SimulatorSettings.defaults("sim-kv", 0).withCacheBlocks(10)
                .withTtftMillis(800).withOutputTokens(32));

        // prompt "user\nfirst\n\n" is 3 tokens; with 32 output tokens it holds 3 blocks of 16
        CompletableFuture<HttpResponse<String>> running = sendAsync(server, chat("demo-model", "first").encode());
        await().atMost(Duration.ofSeconds(5)).until(() -> server.running() == 1);
        double during = gauge(server, "vllm:kv_cache_usage_perc");
        double gpuDuring = gauge(server, "vllm:gpu_cache_usage_perc");
        running.join();

        assertEquals(0.3, during, 1e-9);
        assertEquals(0.3, gpuDuring, 1e-9);
        assertEquals(0.0, gauge(server, "vllm:kv_cache_usage_perc"));
    }

    @Test
    void repeatedLongPromptHitsThePrefixCache() {
        SimulatedServer server = harness.startFast(2);
        String prompt = "Explain the history of routers. ".repeat(60);

        int firstCached = cachedTokens(harness.post(server, "/v1/chat/completions", chat("demo-model", prompt).encode()));
        double hitsBefore = hits(server);
        HttpResponse<String> second = harness.post(server, "/v1/chat/completions", chat("demo-model", prompt).encode());
        int otherCached = cachedTokens(harness.post(server, "/v1/chat/completions",
                chat("demo-model", "A different question. ".repeat(80)).encode()));

        assertEquals(0, firstCached);
        int secondCached = cachedTokens(second);
        int promptTokens = new JsonObject(second.body()).getJsonObject("usage").getInteger("prompt_tokens");
        assertTrue(secondCached > 0 && secondCached <= promptTokens, "cached " + secondCached);
        assertEquals(0, secondCached % 16, "whole blocks of 16 tokens");
        assertTrue(promptTokens - secondCached < 16, "all full blocks match");
        assertEquals(hitsBefore + secondCached, hits(server));
        assertEquals(0, otherCached);
    }

    @Test
    void reportsNoCachedTokensWhenPrefixCacheIsOff() {
        SimulatedServer server = harness.start(SimulatorSettings.defaults("sim-nocache", 0).withTtftMillis(1)
                .withInterTokenMillis(0).withPrefixCache(false));
        String prompt = "Same prompt again and again. ".repeat(40);

        harness.post(server, "/v1/chat/completions", chat("demo-model", prompt).encode());
        int cached = cachedTokens(harness.post(server, "/v1/chat/completions", chat("demo-model", prompt).encode()));

        assertEquals(0, cached);
    }

    @Test
    void cachedPrefixShortensTimeToFirstToken() throws Exception {
        // 40 000 characters: 10 000 tokens, 500 ms of prefill when nothing is cached
        SimulatedServer server = harness.start(SimulatorSettings.defaults("sim-prefill", 0).withTtftMillis(1)
                .withPrefillMillisPer1kTokens(50).withInterTokenMillis(1).withOutputTokens(2));
        String body = chat("demo-model", "0123456789".repeat(4000)).put("stream", true).encode();

        long cold = millisToFirstEvent(server, body);
        long warm = millisToFirstEvent(server, body);

        assertTrue(cold >= 400, "cold prefill takes about 500 ms, took " + cold);
        assertTrue(warm < cold - 250, "warm " + warm + " ms vs cold " + cold + " ms");
    }

    private long millisToFirstEvent(SimulatedServer server, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(SimulatorHarness.uri(server, "/v1/chat/completions"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long start = System.nanoTime();
        HttpResponse<InputStream> response = harness.client().send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
            in.read(); // headers come at once; the first event waits for the first token
            long elapsed = (System.nanoTime() - start) / 1_000_000;
            in.readAllBytes();
            return elapsed;
        }
    }

    private CompletableFuture<HttpResponse<String>> sendAsync(SimulatedServer server, String body) {
        return harness.client().sendAsync(HttpRequest.newBuilder(SimulatorHarness.uri(server, "/v1/chat/completions"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int cachedTokens(HttpResponse<String> response) {
        return new JsonObject(response.body()).getJsonObject("usage").getJsonObject("prompt_tokens_details")
                .getInteger("cached_tokens");
    }

    private double hits(SimulatedServer server) {
        return gauge(server, "vllm:prefix_cache_hits_total");
    }

    /** The value of the one sample of a metric family. */
    private double gauge(SimulatedServer server, String name) {
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{model_name=\"demo-model\"} (\\S+)$")
                .matcher(harness.get(server, "/metrics").body());
        assertTrue(matcher.find(), name);
        return Double.parseDouble(matcher.group(1));
    }
}
