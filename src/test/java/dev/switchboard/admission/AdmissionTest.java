package dev.switchboard.admission;

import dev.switchboard.testing.Simulators;
import dev.switchboard.testing.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every admission limit over real HTTP: the status, the body naming the limit, Retry-After, and nothing upstream. */
@QuarkusTest
@TestProfile(AdmissionTest.Tight.class)
class AdmissionTest {

    /** Small global cap and queue, a per-tenant token budget. */
    public static class Tight implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "switchboard.admission.max_in_flight", "4",
                    "switchboard.admission.queue_size", "2",
                    "switchboard.admission.queue_timeout", "600ms",
                    "switchboard.admission.per_tenant.tokens_per_minute", "2000");
        }
    }

    @TestHTTPResource("/v1/chat/completions")
    URL chat;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void reset() {
        Simulators.reset();
    }

    /** A streamed request to sim-faulty: 50 tokens 20 ms apart, about a second in flight. */
    private CompletableFuture<HttpResponse<String>> slow(String token, String tenant) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(chat.toString()))
                .header("Content-Type", "application/json").header("X-Tenant-ID", tenant)
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"faulty\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static io.restassured.response.ValidatableResponse quick(String token, String tenant, String content) {
        var request = given().contentType(ContentType.JSON).header("X-Tenant-ID", tenant);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.body("{\"model\":\"llama\",\"max_tokens\":1,\"messages\":[{\"role\":\"user\",\"content\":\""
                + content + "\"}]}").when().post("/v1/chat/completions").then();
    }

    @Test
    void refusesACallerOverItsRequestsPerMinuteWith429AndRetryAfter() {
        for (int i = 0; i < 3; i++) {
            quick(TestTokens.RPM_LIMITED, "t-rpm", "hi").statusCode(200);
        }
        int upstreamBefore = Simulators.completions("sim-c").size();

        quick(TestTokens.RPM_LIMITED, "t-rpm", "hi").statusCode(429)
                .header("Retry-After", org.hamcrest.Matchers.matchesPattern("[1-9][0-9]*"))
                .body("error.type", equalTo("rate_limit_error"))
                .body("error.code", equalTo("rate_limit_requests"))
                .body("error.message", containsString("caller 'rpm-limited' is over its limit of 3 requests per minute"));
        assertEquals(upstreamBefore, Simulators.completions("sim-c").size(), "a refused request went upstream");
    }

    @Test
    void refusesATenantOverItsTokensPerMinute() {
        String prompt = "word ".repeat(1700); // ~8.5 kB: about 2100 estimated tokens, the whole budget and more

        quick(null, "t-tokens", prompt).statusCode(200);
        quick(null, "t-tokens", prompt).statusCode(429)
                .body("error.code", equalTo("rate_limit_tokens"))
                .body("error.message", containsString("tenant 't-tokens'"))
                .body("error.message", containsString("switchboard.admission.per_tenant.tokens_per_minute"));
        quick(null, "t-other", "hi").statusCode(200);
    }

    @Test
    void queuesARequestOverTheCallersConcurrencyUntilTheSlotFrees() {
        CompletableFuture<HttpResponse<String>> first = slow(TestTokens.ONE_AT_A_TIME, "t-c1");
        await().atMost(Duration.ofSeconds(3)).until(() -> Simulators.server("sim-faulty").running() == 1);
        long start = System.nanoTime();

        CompletableFuture<HttpResponse<String>> second = slow(TestTokens.ONE_AT_A_TIME, "t-c1");

        assertEquals(200, first.join().statusCode());
        HttpResponse<String> queued = second.join();
        long waitedMillis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(429, queued.statusCode(), queued.body()); // a 1 s stream outlasts the 600 ms queue limit
        assertTrue(queued.body().contains("'one-at-a-time' already has 1 requests in flight")
                && queued.body().contains("waited 600 ms"), queued.body());
        assertTrue(waitedMillis >= 550, "refused after " + waitedMillis + " ms, before its queue time was up");

        quick(TestTokens.ONE_AT_A_TIME, "t-c1", "hi").statusCode(200);
    }

    @Test
    void admitsAQueuedRequestWhenTheSlotFreesInTime() {
        CompletableFuture<HttpResponse<String>> first = slow(TestTokens.ONE_AT_A_TIME, "t-c2");
        await().atMost(Duration.ofSeconds(3)).until(() -> Simulators.server("sim-faulty").running() == 1);

        // the second waits; the first's stream is cut short by a client-side close after 300 ms
        CompletableFuture<HttpResponse<String>> second = http.sendAsync(HttpRequest.newBuilder(URI.create(chat.toString()))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + TestTokens.ONE_AT_A_TIME)
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"llama\",\"max_tokens\":1,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        await().pollDelay(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1)).until(() -> true);
        first.cancel(true);
        Simulators.server("sim-faulty").faults(dev.switchboard.simulator.Faults.cuttingAfter(1));

        assertEquals(200, second.join().statusCode());
    }

    @Test
    void answers503WhenTheRouterIsFullAndItsQueueToo() {
        List<CompletableFuture<HttpResponse<String>>> holding = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            holding.add(slow(null, "t-g" + i));
        }
        await().atMost(Duration.ofSeconds(3)).until(() -> Simulators.server("sim-faulty").running() == 4);
        List<CompletableFuture<HttpResponse<String>>> waiting = List.of(slow(null, "t-g5"), slow(null, "t-g6"));
        await().pollDelay(Duration.ofMillis(150)).atMost(Duration.ofSeconds(1)).until(() -> true);

        quick(null, "t-g7", "hi").statusCode(503)
                .header("Retry-After", "1")
                .body("error.code", equalTo("router_overloaded"))
                .body("error.message", containsString("limit of 4 requests in flight"));

        holding.forEach(f -> assertEquals(200, f.join().statusCode()));
        waiting.forEach(f -> assertTrue(f.join().statusCode() == 200 || f.join().statusCode() == 503));
    }
}
