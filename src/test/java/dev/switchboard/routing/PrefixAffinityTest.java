package dev.switchboard.routing;

import dev.switchboard.dialect.JsonBody;
import dev.switchboard.simulator.Faults;
import dev.switchboard.testing.Simulators;
import dev.switchboard.testing.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code strategy: prefix-affinity} over real HTTP: group {@code sticky} spreads over sim-a and sim-b, which the
 * {@code chat} group shares. Every conversation carries a fresh nonce, so the indexes' memory of other tests' traffic
 * does not matter.
 */
@QuarkusTest
class PrefixAffinityTest {

    @TestHTTPResource("/")
    URL router;

    @BeforeEach
    @AfterEach
    void reset() {
        Simulators.reset();
    }

    /** A conversation of {@code turns} messages after its system prompt, each long enough to fill blocks. */
    private static String conversation(String system, int turns, boolean stream) {
        StringBuilder json = new StringBuilder("{\"model\":\"sticky\",\"max_tokens\":2,\"stream\":").append(stream)
                .append(",\"messages\":[{\"role\":\"system\",\"content\":").append(quote(system)).append('}');
        for (int i = 0; i < turns; i++) {
            String text = (i % 2 == 0 ? "Question " : "Answer ") + i + ": the scheduler preempts request " + i
                    + " when the KV cache runs out of blocks, then recomputes its prefill later on.";
            json.append(",{\"role\":\"").append(i % 2 == 0 ? "user" : "assistant").append("\",\"content\":")
                    .append(quote(text)).append('}');
        }
        return json.append("]}").toString();
    }

    private static String quote(String text) {
        return new String(JsonBody.quote(text), StandardCharsets.UTF_8);
    }

    private static Response ask(String tenant, String system, int turns) {
        return given().contentType(ContentType.JSON).header("X-Tenant-ID", tenant)
                .body(conversation(system, turns, false)).when().post("/v1/chat/completions");
    }

    private static String served(String tenant, String system, int turns) {
        Response response = ask(tenant, system, turns);
        response.then().statusCode(200);
        return response.header("X-Switchboard-Target");
    }

    /** The simulated server behind a target of the test profile: sim-a/qwen is served by sim-a. */
    private static String server(String target) {
        return target.substring(0, target.indexOf('/'));
    }

    private static String other(String target) {
        return target.equals("sim-a/qwen") ? "sim-b/qwen" : "sim-a/qwen";
    }

    private static String nonce() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static double metric(String series) {
        String metrics = TestTokens.admin().when().get("/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("^" + Pattern.quote(series) + " ([0-9.eE+-]+)$", Pattern.MULTILINE).matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    @Test
    void sendsEveryTurnOfAGrowingConversationToOneTarget() {
        String system = "Reviewer " + nonce() + ": you review changes to the inference scheduler.";

        String first = served("acme", system, 1);
        for (int turns = 2; turns <= 8; turns++) {
            assertEquals(first, served("acme", system, turns), "turn " + turns);
        }

        assertEquals(8, Simulators.completions(server(first)).size());
        assertEquals(0, Simulators.completions(server(other(first))).size());
    }

    @Test
    void spreadsTenantsWithDistinctSystemPromptsOverBothTargetsAndKeepsEachOnItsOwn() {
        String nonce = nonce();
        Map<String, Set<String>> targetsByTenant = new HashMap<>();

        for (int turns = 1; turns <= 3; turns++) {
            for (int tenant = 0; tenant < 8; tenant++) {
                String system = "Team " + tenant + " (" + nonce + ") assistant: answer questions about our service.";
                targetsByTenant.computeIfAbsent("tenant-" + tenant, t -> new HashSet<>())
                        .add(served("tenant-" + tenant, system, turns));
            }
        }

        Set<String> used = new HashSet<>();
        targetsByTenant.forEach((tenant, targets) -> {
            assertEquals(1, targets.size(), tenant + " moved: " + targets);
            used.addAll(targets);
        });
        assertEquals(Set.of("sim-a/qwen", "sim-b/qwen"), used);
    }

    @Test
    void movesAConversationOffItsTargetWhenThatTargetIsEjectedAndKeepsItWhereItWent() {
        String system = "Reviewer " + nonce() + ": you review changes to the inference scheduler.";
        String holder = served("acme", system, 1);
        String other = other(holder);
        Simulators.server(server(holder)).faults(Faults.failing(503, 1.0));

        for (int turns = 2; turns <= 7; turns++) {
            assertEquals(other, served("acme", system, turns), "turn " + turns);
        }

        // the holder still wins ties until three failures in a row eject it; each failure fell back at once
        assertEquals(1 + 3, Simulators.completions(server(holder)).size());
        assertEquals("ejected", TestTokens.admin().when().get("/admin/targets").then().extract()
                .path("find { it.target == '" + holder + "' }.state"));

        Simulators.reset(); // the old holder is healthy again, but the other target now holds the longer prefix
        assertEquals(other, served("acme", system, 8));
    }

    @Test
    void sendsNewRequestsElsewhereWhileTheHoldingTargetIsOverloaded() throws Exception {
        String system = "Reviewer " + nonce() + ": you review changes to the inference scheduler.";
        String holder = served("acme", system, 1);
        Simulators.server(server(holder)).faults(Faults.hanging());
        double overflowsBefore = metric("switchboard_prefix_affinity_total{group=\"sticky\",result=\"overflow\"}");
        List<Socket> held = new ArrayList<>();
        try {
            // three requests of the conversation hang on the holder: 3 > overload_factor 1.0 x average (1.5) + 1
            for (int i = 0; i < 3; i++) {
                held.add(send(conversation(system, 2, false)));
                int expected = i + 1;
                await().atMost(Duration.ofSeconds(5))
                        .until(() -> Simulators.server(server(holder)).running() == expected);
            }

            String next = served("acme", system, 3);

            assertNotEquals(holder, next);
            assertEquals(overflowsBefore + 1,
                    metric("switchboard_prefix_affinity_total{group=\"sticky\",result=\"overflow\"}"));
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> Simulators.server(server(holder)).running() == 0);
        assertEquals(3 + 1, Simulators.completions(server(holder)).size());
    }

    @Test
    void exportsOutcomesAndEachTargetsIndexMemory() {
        String system = "Metrics " + nonce() + ": count hits and misses.";
        double missesBefore = metric("switchboard_prefix_affinity_total{group=\"sticky\",result=\"miss\"}");
        double hitsBefore = metric("switchboard_prefix_affinity_total{group=\"sticky\",result=\"hit\"}");

        served("acme", system, 1);
        served("acme", system, 2);

        assertEquals(missesBefore + 1, metric("switchboard_prefix_affinity_total{group=\"sticky\",result=\"miss\"}"));
        assertEquals(hitsBefore + 1, metric("switchboard_prefix_affinity_total{group=\"sticky\",result=\"hit\"}"));
        assertEquals(65536 * 8, metric("switchboard_prefix_index_bytes{target=\"sim-a/qwen\"}"));
        assertEquals(65536 * 8, metric("switchboard_prefix_index_bytes{target=\"sim-b/qwen\"}"));
        assertEquals(0, metric("switchboard_prefix_index_bytes{target=\"sim-c/llama\"}"), "no prefix group there");
        TestTokens.admin().when().get("/admin/targets").then().statusCode(200)
                .body("find { it.target == 'sim-a/qwen' }.prefixIndexBytes", org.hamcrest.Matchers.equalTo(65536 * 8))
                .body("find { it.target == 'sim-c/llama' }.prefixIndexBytes", org.hamcrest.Matchers.equalTo(0));
    }

    /** Sends a request on a raw connection and leaves it open, so the request stays in flight until closed. */
    private Socket send(String body) throws Exception {
        Socket socket = new Socket(router.getHost(), router.getPort());
        OutputStream out = socket.getOutputStream();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "X-Tenant-ID: acme\r\nContent-Length: " + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.write(bytes);
        out.flush();
        return socket;
    }
}
