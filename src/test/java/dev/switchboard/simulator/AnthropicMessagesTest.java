package dev.switchboard.simulator;

import static dev.switchboard.simulator.SimulatorHarness.namedEvents;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.simulator.SimulatorHarness.NamedEvent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AnthropicMessagesTest {

    private final SimulatorHarness harness = new SimulatorHarness();

    @AfterEach
    void closeServers() {
        harness.close();
    }

    private static JsonObject ask(String text, int maxTokens) {
        return new JsonObject().put("model", "demo-model").put("max_tokens", maxTokens).put("messages",
                new JsonArray().add(new JsonObject().put("role", "user").put("content", text)));
    }

    private static JsonObject weatherTool() {
        return new JsonObject().put("name", "get_weather").put("input_schema", new JsonObject().put("type", "object")
                .put("properties", new JsonObject().put("city", new JsonObject().put("type", "string"))
                        .put("days", new JsonObject().put("type", "number")))
                .put("required", new JsonArray().add("city").add("days")));
    }

    @Test
    void answersNonStreamedMessageWithTextAndUsage() {
        SimulatedServer server = harness.startFast(6);

        HttpResponse<String> response = harness.post(server, "/v1/messages", ask("Hello", 100).encode());

        assertEquals(200, response.statusCode());
        JsonObject message = new JsonObject(response.body());
        assertEquals("message", message.getString("type"));
        assertEquals("assistant", message.getString("role"));
        assertEquals("demo-model", message.getString("model"));
        assertTrue(message.getString("id").startsWith("msg_"));
        assertEquals("end_turn", message.getString("stop_reason"));
        JsonObject block = message.getJsonArray("content").getJsonObject(0);
        assertEquals("text", block.getString("type"));
        assertEquals(SimulatedText.text(6), block.getString("text"));
        JsonObject usage = message.getJsonObject("usage");
        assertEquals(3, usage.getInteger("input_tokens")); // "user\nHello\n\n": 12 characters
        assertEquals(6, usage.getInteger("output_tokens"));
        assertEquals(0, usage.getInteger("cache_read_input_tokens"));
    }

    @Test
    void streamsMessageEventsInAnthropicOrder() {
        SimulatedServer server = harness.startFast(4);

        HttpResponse<String> response = harness.post(server, "/v1/messages",
                ask("Hello", 100).put("stream", true).encode());

        assertTrue(response.headers().firstValue("content-type").orElseThrow().startsWith("text/event-stream"));
        List<NamedEvent> events = namedEvents(response.body());
        assertEquals(List.of("message_start", "content_block_start", "content_block_delta", "content_block_delta",
                "content_block_delta", "content_block_delta", "content_block_stop", "message_delta", "message_stop"),
                events.stream().map(NamedEvent::name).toList());
        events.forEach(event -> assertEquals(event.name(), event.data().getString("type")));
        JsonObject start = events.getFirst().data().getJsonObject("message");
        assertEquals("demo-model", start.getString("model"));
        assertTrue(start.getJsonArray("content").isEmpty());
        assertEquals(3, start.getJsonObject("usage").getInteger("input_tokens"));
        assertEquals("text", events.get(1).data().getJsonObject("content_block").getString("type"));
        StringBuilder text = new StringBuilder();
        for (NamedEvent delta : events.subList(2, 6)) {
            assertEquals("text_delta", delta.data().getJsonObject("delta").getString("type"));
            text.append(delta.data().getJsonObject("delta").getString("text"));
        }
        assertEquals(SimulatedText.text(4), text.toString());
        JsonObject messageDelta = events.get(7).data();
        assertEquals("end_turn", messageDelta.getJsonObject("delta").getString("stop_reason"));
        assertEquals(4, messageDelta.getJsonObject("usage").getInteger("output_tokens"));
        assertFalse(response.body().contains("[DONE]"));
    }

    @Test
    void stopsWithMaxTokensWhenTheLimitCutsTheAnswer() {
        SimulatedServer server = harness.startFast(32);

        JsonObject message = new JsonObject(harness.post(server, "/v1/messages", ask("Hello", 3).encode()).body());

        assertEquals("max_tokens", message.getString("stop_reason"));
        assertEquals(SimulatedText.text(3), message.getJsonArray("content").getJsonObject(0).getString("text"));
    }

    @Test
    void returnsToolUseWhenRequestCarriesTools() {
        SimulatedServer server = harness.startFast(6);

        HttpResponse<String> response = harness.post(server, "/v1/messages",
                ask("Weather?", 100).put("tools", new JsonArray().add(weatherTool())).encode());

        JsonObject message = new JsonObject(response.body());
        assertEquals("tool_use", message.getString("stop_reason"));
        JsonObject block = message.getJsonArray("content").getJsonObject(0);
        assertEquals("tool_use", block.getString("type"));
        assertTrue(block.getString("id").startsWith("toolu_"));
        assertEquals("get_weather", block.getString("name"));
        assertEquals(new JsonObject().put("city", "sample").put("days", 1), block.getJsonObject("input"));
    }

    @Test
    void streamsToolUseAsInputJsonDeltas() {
        SimulatedServer server = harness.startFast(6);

        HttpResponse<String> response = harness.post(server, "/v1/messages", ask("Weather?", 100)
                .put("tools", new JsonArray().add(weatherTool())).put("stream", true).encode());

        List<NamedEvent> events = namedEvents(response.body());
        JsonObject block = events.get(1).data().getJsonObject("content_block");
        assertEquals("tool_use", block.getString("type"));
        assertEquals("get_weather", block.getString("name"));
        assertEquals(new JsonObject(), block.getJsonObject("input"));
        List<String> fragments = new ArrayList<>();
        events.stream().filter(e -> e.name().equals("content_block_delta")).forEach(e -> {
            assertEquals("input_json_delta", e.data().getJsonObject("delta").getString("type"));
            fragments.add(e.data().getJsonObject("delta").getString("partial_json"));
        });
        assertTrue(fragments.size() > 2, "input arrives in several fragments");
        assertEquals(new JsonObject().put("city", "sample").put("days", 1),
                new JsonObject(String.join("", fragments)));
        assertEquals("tool_use", events.get(events.size() - 2).data().getJsonObject("delta").getString("stop_reason"));
    }

    @Test
    void answersWithTextAfterAToolResult() {
        SimulatedServer server = harness.startFast(5);
        JsonObject request = ask("Weather?", 100).put("tools", new JsonArray().add(weatherTool()));
        request.getJsonArray("messages")
                .add(new JsonObject().put("role", "assistant").put("content", new JsonArray().add(new JsonObject()
                        .put("type", "tool_use").put("id", "toolu_1").put("name", "get_weather")
                        .put("input", new JsonObject().put("city", "Paris").put("days", 1)))))
                .add(new JsonObject().put("role", "user").put("content", new JsonArray().add(new JsonObject()
                        .put("type", "tool_result").put("tool_use_id", "toolu_1").put("content", "18 C"))));

        JsonObject message = new JsonObject(harness.post(server, "/v1/messages", request.encode()).body());

        assertEquals("end_turn", message.getString("stop_reason"));
        assertEquals(SimulatedText.text(5), message.getJsonArray("content").getJsonObject(0).getString("text"));
    }

    @Test
    void reportsCachedPrefixAsCacheRead() {
        SimulatedServer server = harness.startFast(2);
        String body = ask("Tell me about prefix caches. ".repeat(40), 100).encode();

        JsonObject first = new JsonObject(harness.post(server, "/v1/messages", body).body()).getJsonObject("usage");
        JsonObject second = new JsonObject(harness.post(server, "/v1/messages", body).body()).getJsonObject("usage");

        assertEquals(0, first.getInteger("cache_read_input_tokens"));
        assertTrue(second.getInteger("cache_read_input_tokens") > 0);
        assertEquals(first.getInteger("input_tokens"),
                second.getInteger("input_tokens") + second.getInteger("cache_read_input_tokens"));
    }

    @Test
    void refusesInAnthropicErrorShape() {
        SimulatedServer server = harness.startFast(2);

        HttpResponse<String> unknownModel = harness.post(server, "/v1/messages",
                ask("Hi", 10).put("model", "nope").encode());
        HttpResponse<String> noMaxTokens = harness.post(server, "/v1/messages",
                new JsonObject().put("model", "demo-model").put("messages", ask("Hi", 1).getJsonArray("messages"))
                        .encode());
        HttpResponse<String> malformed = harness.post(server, "/v1/messages", "{oops");

        assertEquals(404, unknownModel.statusCode());
        assertAnthropicError(unknownModel, "not_found_error");
        assertEquals(400, noMaxTokens.statusCode());
        assertAnthropicError(noMaxTokens, "invalid_request_error");
        assertTrue(new JsonObject(noMaxTokens.body()).getJsonObject("error").getString("message")
                .contains("max_tokens"));
        assertEquals(400, malformed.statusCode());
        assertAnthropicError(malformed, "invalid_request_error");
    }

    @Test
    void injectedStatusFaultUsesAnthropicErrorShape() {
        SimulatedServer server = harness.startFast(2);
        server.faults(Faults.failing(429, 1.0).withRetryAfterSeconds(2));

        HttpResponse<String> response = harness.post(server, "/v1/messages", ask("Hi", 10).encode());

        assertEquals(429, response.statusCode());
        assertEquals("2", response.headers().firstValue("retry-after").orElseThrow());
        assertAnthropicError(response, "rate_limit_error");
    }

    private static void assertAnthropicError(HttpResponse<String> response, String type) {
        JsonObject body = new JsonObject(response.body());
        assertEquals("error", body.getString("type"));
        assertEquals(type, body.getJsonObject("error").getString("type"));
        assertFalse(body.getJsonObject("error").getString("message").isBlank());
    }
}
