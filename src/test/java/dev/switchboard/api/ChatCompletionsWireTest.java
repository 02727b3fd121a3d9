package dev.switchboard.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.simulator.Faults;
import dev.switchboard.simulator.ReceivedRequest;
import dev.switchboard.simulator.SimulatedServer;
import dev.switchboard.testing.Simulators;
import dev.switchboard.testing.TestSimulators;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code POST /v1/chat/completions} on the wire: statuses, headers, bodies and SSE framing. */
@QuarkusTest
class ChatCompletionsWireTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeEach
    void reset() {
        Simulators.reset();
    }

    private static String chat(String group, boolean stream) {
        return "{\"model\":\"" + group + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello\"}],"
                + "\"stream\":" + stream + "}";
    }

    @Test
    void answersNonStreamedChatFromTheGroupsUpstream() {
        given().contentType(ContentType.JSON).body(chat("llama", false))
                .when().post("/v1/chat/completions")
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .header("X-Request-Id", matchesPattern("[0-9a-f]{32}"))
                .header("X-Switchboard-Target", equalTo("sim-c/llama"))
                .header("X-Switchboard-Attempts", equalTo("1"))
                .body("object", equalTo("chat.completion"))
                .body("model", equalTo("llama-upstream"))
                .body("choices[0].message.role", equalTo("assistant"))
                .body("choices[0].finish_reason", equalTo("stop"))
                .body("usage.completion_tokens", equalTo(12));
    }

    @Test
    void rewritesOnlyTheModelAndKeepsUnknownFieldsByteForByte() throws Exception {
        String sent = "{\"model\":\"llama\",  \"messages\":[{\"role\":\"user\",\"content\":\"Hi \\u00e9\"}],"
                + "\"x_vendor_flag\":{\"nested\":[1,2.50,null]},\"temperature\":0.7}";

        given().contentType(ContentType.JSON).body(sent).when().post("/v1/chat/completions").then().statusCode(200);

        List<ReceivedRequest> received = Simulators.completions("sim-c");
        assertEquals(1, received.size());
        assertEquals(sent.replace("\"model\":\"llama\"", "\"model\":\"llama-upstream\""), received.get(0).body());
        assertEquals("/v1/chat/completions", received.get(0).path());
    }

    @Test
    void takesTheCallersRequestIdReturnsItAndForwardsIt() {
        given().contentType(ContentType.JSON).header("X-Request-Id", "trace-42.a").body(chat("llama", false))
                .when().post("/v1/chat/completions")
                .then().statusCode(200).header("X-Request-Id", equalTo("trace-42.a"));

        assertEquals("trace-42.a", Simulators.completions("sim-c").get(0).headers().get("x-request-id"));
    }

    @Test
    void replacesARequestIdWithUnsafeCharacters() {
        given().contentType(ContentType.JSON).header("X-Request-Id", "<script>").body(chat("llama", false))
                .when().post("/v1/chat/completions")
                .then().statusCode(200).header("X-Request-Id", matchesPattern("[0-9a-f]{32}"));
    }

    @Test
    void authenticatesToEachProviderAsConfiguredAndNeverForwardsTheCallersToken() {
        for (int i = 0; i < 4; i++) {
            given().contentType(ContentType.JSON).header("Authorization", "Bearer caller-token-never-forwarded")
                    .body(chat("chat", false)).when().post("/v1/chat/completions").then().statusCode(200);
        }

        ReceivedRequest toA = Simulators.completions("sim-a").get(0);
        ReceivedRequest toB = Simulators.completions("sim-b").get(0);
        assertEquals("Bearer test-upstream-key-5b1d", toA.headers().get("authorization"));
        assertNull(toB.headers().get("authorization"));
        assertNull(toB.headers().get("x-api-key"));
    }

    @Test
    void relaysAStreamEventByEventInSseFraming() {
        Response response = given().contentType(ContentType.JSON).body(chat("llama", true))
                .when().post("/v1/chat/completions");

        response.then().statusCode(200)
                .contentType(startsWith("text/event-stream"))
                .header("Cache-Control", "no-cache")
                .header("X-Switchboard-Target", "sim-c/llama");
        String body = response.asString();
        assertTrue(body.endsWith("data: [DONE]\n\n"), body);
        List<String> events = new ArrayList<>(Arrays.asList(body.split("\n\n")));
        assertEquals("data: [DONE]", events.remove(events.size() - 1));
        StringBuilder text = new StringBuilder();
        for (String event : events) {
            assertTrue(event.startsWith("data: {"), event);
            JsonNode chunk = readTree(event.substring("data: ".length()));
            assertEquals("chat.completion.chunk", chunk.path("object").asText());
            text.append(chunk.path("choices").path(0).path("delta").path("content").asText(""));
        }
        assertEquals("stop", readTree(events.get(events.size() - 1).substring(6)).path("choices").path(0)
                .path("finish_reason").asText());
        assertEquals(12, text.toString().trim().split("\\s+").length, text.toString());
    }

    @Test
    void asksTheUpstreamForUsageButKeepsTheUsageChunkFromACallerWhoDidNotAskForIt() {
        String body = given().contentType(ContentType.JSON).body(chat("llama", true))
                .when().post("/v1/chat/completions").then().statusCode(200).extract().asString();

        assertFalse(body.contains("\"usage\":{"), body);
        assertTrue(Simulators.completions("sim-c").get(0).body()
                .contains("\"stream_options\":{\"include_usage\":true}"));
    }

    @Test
    void relaysTheUsageChunkToACallerWhoAskedForIt() {
        String body = given().contentType(ContentType.JSON)
                .body("{\"model\":\"llama\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .when().post("/v1/chat/completions").then().statusCode(200).extract().asString();

        assertTrue(body.contains("\"choices\":[],\"usage\":{") || body.contains("\"usage\":{"), body);
        assertTrue(body.indexOf("\"usage\":{") < body.indexOf("[DONE]"), body);
    }

    @Test
    void refusesMalformedJsonWithA400InOpenAiShape() {
        given().contentType(ContentType.JSON).body("{\"model\":\"chat\",")
                .when().post("/v1/chat/completions")
                .then().statusCode(400)
                .contentType(ContentType.JSON)
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.code", equalTo("invalid_json"))
                .body("error.message", containsString("not valid JSON"));
        assertTrue(Simulators.completions("sim-a").isEmpty());
    }

    @Test
    void refusesARequestWithoutModel() {
        given().contentType(ContentType.JSON).body("{\"messages\":[]}")
                .when().post("/v1/chat/completions")
                .then().statusCode(400)
                .body("error.param", equalTo("model"))
                .body("error.code", equalTo("missing_required_parameter"))
                .body("error.message", containsString("GET /v1/models"));
    }

    @Test
    void answersAnUnknownGroupWith404NamingNothingElse() {
        given().contentType(ContentType.JSON).body(chat("no-such-group", false))
                .when().post("/v1/chat/completions")
                .then().statusCode(404)
                .body("error.code", equalTo("model_not_found"))
                .body("error.param", equalTo("model"))
                .body("error.message", containsString("'no-such-group' does not exist"))
                .body("error.message", org.hamcrest.Matchers.not(containsString("sim-")))
                .body("error.message", org.hamcrest.Matchers.not(containsString("127.0.0.1")));
    }

    @Test
    void answers502WhenTheUpstreamIsUnreachable() {
        given().contentType(ContentType.JSON).body(chat("unreachable", false))
                .when().post("/v1/chat/completions")
                .then().statusCode(502)
                .body("error.type", equalTo("upstream_error"))
                .body("error.code", equalTo("upstream_unreachable"))
                .body("error.message", containsString("model group 'unreachable'"))
                .body("error.message", org.hamcrest.Matchers.not(containsString(Integer.toString(TestSimulators.nowherePort()))));
    }

    @Test
    void answers504WhenTheUpstreamDoesNotAnswerInTime() {
        Simulators.server("sim-faulty").faults(Faults.hanging());

        given().contentType(ContentType.JSON).body(chat("faulty", false))
                .when().post("/v1/chat/completions")
                .then().statusCode(504)
                .body("error.type", equalTo("timeout_error"))
                .body("error.code", equalTo("upstream_timeout"));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                .until(() -> Simulators.server("sim-faulty").running() == 0);
    }

    @Test
    void relaysAnUpstream4xxWithItsStatusAndBodyWithoutTryingAnotherTarget() {
        given().contentType(ContentType.JSON)
                .body("{\"model\":\"chat\",\"max_tokens\":0,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .when().post("/v1/chat/completions")
                .then().statusCode(400)
                .header("X-Switchboard-Attempts", "1")
                .body("error.message", containsString("max_tokens"));
    }

    @Test
    void endsACutStreamWithAnErrorEventInsteadOfHanging() {
        Simulators.server("sim-faulty").faults(Faults.cuttingAfter(3));

        String body = given().contentType(ContentType.JSON).body(chat("faulty", true))
                .when().post("/v1/chat/completions")
                .then().statusCode(200).extract().asString();

        assertFalse(body.contains("[DONE]"), body);
        String last = body.substring(body.lastIndexOf("data: "));
        JsonNode error = readTree(last.substring(6).trim());
        assertEquals("upstream_stream_cut", error.path("error").path("code").asText(), body);
    }

    @Test
    void cutsAStreamThatFallsSilentForLongerThanTheIdleTimeoutAndFreesTheUpstream() {
        Simulators.server("sim-faulty").faults(Faults.stallingAfter(3)); // sim-faulty's idle timeout is 400 ms

        String body = given().contentType(ContentType.JSON).body(chat("faulty", true))
                .when().post("/v1/chat/completions")
                .then().statusCode(200).extract().asString();

        assertFalse(body.contains("[DONE]"), body);
        assertTrue(body.contains("\"content\""), "the events before the silence were relayed: " + body);
        String last = body.substring(body.lastIndexOf("data: "));
        JsonNode error = readTree(last.substring(6).trim());
        assertEquals("upstream_idle_timeout", error.path("error").path("code").asText(), body);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                .until(() -> Simulators.server("sim-faulty").running() == 0);
    }

    @Test
    void refusesANonJsonContentType() {
        given().contentType("text/plain").body(chat("chat", false))
                .when().post("/v1/chat/completions")
                .then().statusCode(415)
                .body("error.message", containsString("application/json"));
    }

    @Test
    void listsTheModelGroupsInOpenAiShape() {
        given().when().get("/v1/models")
                .then().statusCode(200)
                .body("object", equalTo("list"))
                .body("data.id", org.hamcrest.Matchers.hasItems("chat", "spread", "llama", "faulty"))
                .body("data[0].object", equalTo("model"))
                .body("data[0].owned_by", equalTo("switchboard"))
                .body("data[0].created", notNullValue())
                .body("data.find { it.id == 'sim-a' }", nullValue());
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }
}
