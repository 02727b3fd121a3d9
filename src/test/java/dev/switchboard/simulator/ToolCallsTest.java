package dev.switchboard.simulator;

import static dev.switchboard.simulator.SimulatorHarness.chatChunks;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ToolCallsTest {

    private final SimulatorHarness harness = new SimulatorHarness();

    @AfterEach
    void closeServers() {
        harness.close();
    }

    private static JsonObject weatherTool() {
        JsonObject parameters = new JsonObject().put("type", "object")
                .put("properties", new JsonObject()
                        .put("city", new JsonObject().put("type", "string"))
                        .put("unit", new JsonObject().put("type", "string").put("enum", new JsonArray().add("celsius").add("fahrenheit")))
                        .put("days", new JsonObject().put("type", "integer"))
                        .put("hourly", new JsonObject().put("type", "boolean"))
                        .put("note", new JsonObject().put("type", "string")))
                .put("required", new JsonArray().add("city").add("unit").add("days").add("hourly"));
        return new JsonObject().put("type", "function").put("function",
                new JsonObject().put("name", "get_weather").put("parameters", parameters));
    }

    private static JsonObject timeTool() {
        return new JsonObject().put("type", "function").put("function", new JsonObject().put("name", "get_time")
                .put("parameters", new JsonObject().put("type", "object").put("properties", new JsonObject())));
    }

    private static JsonObject askWithTools(JsonObject... tools) {
        return SimulatorHarness.chat("demo-model", "What is the weather in Paris?")
                .put("tools", new JsonArray(List.of((Object[]) tools)));
    }

    private static void assertWeatherArguments(String arguments) {
        JsonObject parsed = new JsonObject(arguments);
        assertEquals("sample", parsed.getString("city"));
        assertEquals("celsius", parsed.getString("unit"));
        assertEquals(1, parsed.getInteger("days"));
        assertEquals(true, parsed.getBoolean("hourly"));
        assertTrue(!parsed.containsKey("note"), "only required properties are filled");
    }

    @Test
    void returnsToolCallWhenRequestCarriesTools() {
        SimulatedServer server = harness.startFast(8);

        HttpResponse<String> response = harness.post(server, "/v1/chat/completions",
                askWithTools(weatherTool(), timeTool()).encode());

        assertEquals(200, response.statusCode());
        JsonObject choice = new JsonObject(response.body()).getJsonArray("choices").getJsonObject(0);
        assertEquals("tool_calls", choice.getString("finish_reason"));
        JsonObject message = choice.getJsonObject("message");
        assertNull(message.getValue("content"));
        JsonObject call = message.getJsonArray("tool_calls").getJsonObject(0);
        assertEquals("function", call.getString("type"));
        assertTrue(call.getString("id").startsWith("chatcmpl-tool-"));
        assertEquals("get_weather", call.getJsonObject("function").getString("name"));
        assertWeatherArguments(call.getJsonObject("function").getString("arguments"));
    }

    @Test
    void streamsToolCallAsNameChunkThenArgumentFragments() {
        SimulatedServer server = harness.startFast(8);

        HttpResponse<String> response = harness.post(server, "/v1/chat/completions",
                askWithTools(weatherTool()).put("stream", true).encode());

        List<JsonObject> chunks = chatChunks(response.body());
        assertEquals("assistant", delta(chunks.getFirst()).getString("role"));
        JsonObject start = delta(chunks.get(1)).getJsonArray("tool_calls").getJsonObject(0);
        assertEquals(0, start.getInteger("index"));
        assertEquals("function", start.getString("type"));
        assertTrue(start.getString("id").startsWith("chatcmpl-tool-"));
        assertEquals("get_weather", start.getJsonObject("function").getString("name"));
        assertEquals("", start.getJsonObject("function").getString("arguments"));
        StringBuilder arguments = new StringBuilder();
        List<JsonObject> fragments = chunks.subList(2, chunks.size());
        assertTrue(fragments.size() > 2, "arguments are split over several chunks");
        for (JsonObject chunk : fragments) {
            JsonObject call = delta(chunk).getJsonArray("tool_calls").getJsonObject(0);
            assertEquals(0, call.getInteger("index"));
            arguments.append(call.getJsonObject("function").getString("arguments"));
        }
        assertWeatherArguments(arguments.toString());
        JsonObject lastChoice = chunks.getLast().getJsonArray("choices").getJsonObject(0);
        assertEquals("tool_calls", lastChoice.getString("finish_reason"));
    }

    @Test
    void callsTheToolNamedByToolChoice() {
        SimulatedServer server = harness.startFast(8);
        JsonObject request = askWithTools(weatherTool(), timeTool()).put("tool_choice",
                new JsonObject().put("type", "function").put("function", new JsonObject().put("name", "get_time")));

        HttpResponse<String> response = harness.post(server, "/v1/chat/completions", request.encode());

        JsonObject call = new JsonObject(response.body()).getJsonArray("choices").getJsonObject(0)
                .getJsonObject("message").getJsonArray("tool_calls").getJsonObject(0);
        assertEquals("get_time", call.getJsonObject("function").getString("name"));
        assertEquals("{}", call.getJsonObject("function").getString("arguments"));
    }

    @Test
    void answersWithTextWhenToolChoiceIsNone() {
        SimulatedServer server = harness.startFast(8);

        HttpResponse<String> response = harness.post(server, "/v1/chat/completions",
                askWithTools(weatherTool()).put("tool_choice", "none").encode());

        JsonObject choice = new JsonObject(response.body()).getJsonArray("choices").getJsonObject(0);
        assertEquals("stop", choice.getString("finish_reason"));
        assertEquals(SimulatedText.text(8), choice.getJsonObject("message").getString("content"));
    }

    @Test
    void answersWithTextAfterAToolResult() {
        SimulatedServer server = harness.startFast(8);
        JsonObject request = askWithTools(weatherTool());
        request.getJsonArray("messages")
                .add(new JsonObject().put("role", "assistant").putNull("content").put("tool_calls", new JsonArray()
                        .add(new JsonObject().put("id", "call_1").put("type", "function").put("function",
                                new JsonObject().put("name", "get_weather").put("arguments", "{\"city\":\"Paris\"}")))))
                .add(new JsonObject().put("role", "tool").put("tool_call_id", "call_1").put("content", "18 C"));

        HttpResponse<String> response = harness.post(server, "/v1/chat/completions", request.encode());

        JsonObject choice = new JsonObject(response.body()).getJsonArray("choices").getJsonObject(0);
        assertEquals("stop", choice.getString("finish_reason"));
        assertEquals(SimulatedText.text(8), choice.getJsonObject("message").getString("content"));
    }

    @Test
    void refusesToolChoiceNamingAMissingTool() {
        SimulatedServer server = harness.startFast(8);
        JsonObject request = askWithTools(weatherTool()).put("tool_choice",
                new JsonObject().put("type", "function").put("function", new JsonObject().put("name", "nope")));

        HttpResponse<String> response = harness.post(server, "/v1/chat/completions", request.encode());

        assertEquals(400, response.statusCode());
        assertTrue(new JsonObject(response.body()).getJsonObject("error").getString("message").contains("nope"));
    }

    private static JsonObject delta(JsonObject chunk) {
        return chunk.getJsonArray("choices").getJsonObject(0).getJsonObject("delta");
    }
}
