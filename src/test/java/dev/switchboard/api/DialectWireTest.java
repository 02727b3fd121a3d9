package dev.switchboard.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.simulator.Faults;
import dev.switchboard.simulator.ReceivedRequest;
import dev.switchboard.testing.Simulators;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code /v1/messages} and {@code /v1/responses} on the wire, and chat callers served by an Anthropic upstream. */
@QuarkusTest
class DialectWireTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeEach
    void reset() {
        Simulators.reset();
    }

    private static String messages(String group, boolean stream) {
        return "{\"model\":\"" + group + "\",\"max_tokens\":100,\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello\"}]}";
    }

    private static String chat(String group, boolean stream) {
        return "{\"model\":\"" + group + "\",\"stream\":" + stream + ",\"messages\":[{\"role\":\"system\",\"content\":"
                + "\"Be brief.\"},{\"role\":\"user\",\"content\":\"Say hello\"}]}";
    }

    @Test
    void forwardsTheCallersAnthropicVersionAndBetaButNeverItsKey() {
        given().contentType(ContentType.JSON).header("x-api-key", "sk-ant-caller").header("anthropic-version",
                        "2023-06-01").header("anthropic-beta", "fine-grained-tool-streaming-2025-05-14")
                .body(messages("anthropic-native", false))
                .when().post("/v1/messages")
                .then().statusCode(200).body("type", equalTo("message"));

        ReceivedRequest sent = Simulators.received("sim-d", "/v1/messages").get(0);
        assertEquals("2023-06-01", sent.headers().get("anthropic-version"));
        assertEquals("fine-grained-tool-streaming-2025-05-14", sent.headers().get("anthropic-beta"));
        assertEquals("test-upstream-key-5b1d", sent.headers().get("x-api-key"));
        assertEquals(messages("anthropic-native", false).replace("\"anthropic-native\"", "\"qwen-upstream\""),
                sent.body());
    }

    @Test
    void servesAChatCallerFromAnAnthropicUpstream() throws Exception {
        given().contentType(ContentType.JSON).body(chat("anthropic-native", false))
                .when().post("/v1/chat/completions")
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("object", equalTo("chat.completion"))
                .body("choices[0].message.role", equalTo("assistant"))
                .body("choices[0].finish_reason", equalTo("stop"))
                .body("usage.completion_tokens", equalTo(12))
                .body("usage.prompt_tokens", greaterThan(0));

        ReceivedRequest sent = Simulators.received("sim-d", "/v1/messages").get(0);
        JsonNode body = JSON.readTree(sent.body());
        assertEquals("Be brief.", body.path("system").asText());
        assertEquals(4096, body.path("max_tokens").asInt());
        assertEquals("Say hello", body.path("messages").path(0).path("content").path(0).path("text").asText());
        assertEquals("2023-06-01", sent.headers().get("anthropic-version"));
    }

    @Test
    void streamsAChatAnswerFromAnAnthropicUpstreamWithUsageOnlyWhenAsked() throws Exception {
        String plain = given().contentType(ContentType.JSON).body(chat("anthropic-native", true))
                .when().post("/v1/chat/completions").then().statusCode(200)
                .contentType(startsWith("text/event-stream")).extract().asString();
        String withUsage = given().contentType(ContentType.JSON)
                .body(chat("anthropic-native", true).replace("\"stream\":true",
                        "\"stream\":true,\"stream_options\":{\"include_usage\":true}"))
                .when().post("/v1/chat/completions").then().statusCode(200).extract().asString();

        assertTrue(plain.endsWith("data: [DONE]\n\n"), plain);
        assertFalse(plain.contains("\"usage\""), plain);
        StringBuilder text = new StringBuilder();
        for (String event : plain.split("\n\n")) {
            if (!event.equals("data: [DONE]")) {
                text.append(JSON.readTree(event.substring(6)).path("choices").path(0).path("delta").path("content")
                        .asText(""));
            }
        }
        assertEquals(12, text.toString().trim().split("\\s+").length, text.toString());
        assertTrue(plain.contains("\"finish_reason\":\"stop\""), plain);
        assertTrue(withUsage.contains("\"choices\":[],\"usage\":{\"prompt_tokens\":"), withUsage);
    }

    @Test
    void fallsBackFromAnUnreachableChatTargetToAnAnthropicProvider() {
        given().contentType(ContentType.JSON).body(chat("falls-back-to-anthropic", false))
                .when().post("/v1/chat/completions")
                .then().statusCode(200)
                .header("X-Switchboard-Target", "sim-d-anthropic/qwen")
                .header("X-Switchboard-Attempts", "2")
                .body("object", equalTo("chat.completion"));
    }

    @Test
    void streamsAnthropicEventsInOrderOverAChatUpstream() throws Exception {
        String body = given().contentType(ContentType.JSON).body(messages("chat-only", true))
                .when().post("/v1/messages").then().statusCode(200)
                .contentType(startsWith("text/event-stream")).extract().asString();

        List<String> names = new ArrayList<>();
        JsonNode last = null;
        for (String event : body.split("\n\n")) {
            String[] lines = event.split("\n");
            assertTrue(lines[0].startsWith("event: ") && lines[1].startsWith("data: "), event);
            names.add(lines[0].substring(7));
            last = JSON.readTree(lines[1].substring(6));
            assertEquals(names.getLast(), last.path("type").asText());
        }
        List<String> expected = new ArrayList<>(List.of("message_start", "content_block_start"));
        expected.addAll(java.util.Collections.nCopies(12, "content_block_delta"));
        expected.addAll(List.of("content_block_stop", "message_delta", "message_stop"));
        assertEquals(expected, names);
        JsonNode delta = JSON.readTree(body.split("\n\n")[15].split("\n")[1].substring(6));
        assertEquals("end_turn", delta.path("delta").path("stop_reason").asText());
        assertEquals(12, delta.path("usage").path("output_tokens").asInt());
    }

    @Test
    void countsTokensInAnthropicsShape() {
        given().contentType(ContentType.JSON)
                .body("{\"model\":\"chat-only\",\"messages\":[{\"role\":\"user\",\"content\":\"" + "word ".repeat(100)
                        + "\"}]}")
                .when().post("/v1/messages/count_tokens")
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("input_tokens", greaterThan(100));
    }

    @Test
    void answersAnthropicCallersErrorsInAnthropicsShape() {
        given().contentType(ContentType.JSON).body(messages("no-such-group", false))
                .when().post("/v1/messages")
                .then().statusCode(404)
                .body("type", equalTo("error"))
                .body("error.type", equalTo("not_found_error"))
                .body("error.message", containsString("'no-such-group' does not exist"));
    }

    @Test
    void endsACutResponsesStreamWithAResponsesErrorEvent() throws Exception {
        Simulators.server("sim-d").faults(Faults.cuttingAfter(4));

        String body = given().contentType(ContentType.JSON)
                .body("{\"model\":\"chat-only\",\"input\":\"hi\",\"stream\":true}")
                .when().post("/v1/responses").then().statusCode(200).extract().asString();

        String[] events = body.split("\n\n");
        String last = events[events.length - 1];
        assertTrue(last.startsWith("event: error\ndata: "), body);
        JsonNode error = JSON.readTree(last.substring(last.indexOf("data: ") + 6));
        assertEquals("error", error.path("type").asText());
        assertEquals("upstream_stream_cut", error.path("code").asText());
        assertFalse(body.contains("response.completed"), body);
    }

    @Test
    void passesAResponsesBodyThroughWithOnlyTheModelRewritten() {
        String sent = "{\"model\":\"responses-native\", \"input\":\"hi\",\"x_vendor\":{\"keep\":[1, 2.50]},"
                + "\"store\":false}";

        given().contentType(ContentType.JSON).body(sent).when().post("/v1/responses")
                .then().statusCode(200).body("object", equalTo("response"));

        assertEquals(sent.replace("\"responses-native\"", "\"qwen-upstream\""),
                Simulators.received("sim-d", "/v1/responses").get(0).body());
    }

    @Test
    void refusesAHostedToolWhenNoTargetSpeaksResponses() {
        given().contentType(ContentType.JSON)
                .body("{\"model\":\"chat-only\",\"input\":\"hi\",\"tools\":[{\"type\":\"web_search\"}]}")
                .when().post("/v1/responses")
                .then().statusCode(400)
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.message", containsString("no target of model group 'chat-only' speaks openai-responses,"
                        + " which the built-in tool 'web_search' needs"));

        assertTrue(Simulators.completions("sim-d").isEmpty());
    }

    @Test
    void refusesWhatTheChatDialectCannotCarryWithA400() {
        given().contentType(ContentType.JSON)
                .body("{\"model\":\"chat-only\",\"input\":[{\"type\":\"message\",\"role\":\"user\",\"content\":"
                        + "[{\"type\":\"input_file\",\"file_id\":\"file-1\"}]}]}")
                .when().post("/v1/responses")
                .then().statusCode(400)
                .body("error.message", containsString("'input_file' cannot be sent to an openai-chat upstream"))
                .body("error.param", equalTo("input"));

        assertTrue(Simulators.completions("sim-d").isEmpty());
    }

    @Test
    void relaysAnUpstreamRefusalToAChatCallerOfAnAnthropicUpstreamInOpenAisShape() {
        Simulators.server("sim-d").faults(Faults.failing(400, 1.0));

        given().contentType(ContentType.JSON).body(chat("anthropic-native", false))
                .when().post("/v1/chat/completions")
                .then().statusCode(400)
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.message", containsString("Simulated failure injected"))
                .body("type", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void refusesACallerWhoseDialectNoTargetOfTheGroupCanServe() {
        given().contentType(ContentType.JSON).body(messages("responses-native", false))
                .when().post("/v1/messages")
                .then().statusCode(400)
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.message", containsString("no target of model group 'responses-native' can serve"
                        + " anthropic requests"));
    }
}
