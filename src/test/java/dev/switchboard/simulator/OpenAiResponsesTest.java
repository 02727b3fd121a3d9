package dev.switchboard.simulator;

import static dev.switchboard.simulator.SimulatorHarness.namedEvents;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.simulator.SimulatorHarness.NamedEvent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpenAiResponsesTest {

    private final SimulatorHarness harness = new SimulatorHarness();

    @AfterEach
    void closeServers() {
        harness.close();
    }

    private static JsonObject ask(Object input) {
        return new JsonObject().put("model", "demo-model").put("input", input);
    }

    private static JsonObject weatherFunction() {
        return new JsonObject().put("type", "function").put("name", "get_weather").put("parameters", new JsonObject()
                .put("type", "object")
                .put("properties", new JsonObject().put("city", new JsonObject().put("type", "string")))
                .put("required", new JsonArray().add("city")));
    }

    @Test
    void answersNonStreamedResponseWithMessageAndUsage() {
        SimulatedServer server = harness.startFast(5);

        HttpResponse<String> response = harness.post(server, "/v1/responses", ask("Hello").encode());

        assertEquals(200, response.statusCode());
        JsonObject body = new JsonObject(response.body());
        assertEquals("response", body.getString("object"));
        assertEquals("completed", body.getString("status"));
        assertEquals("demo-model", body.getString("model"));
        assertTrue(body.getString("id").startsWith("resp_"));
        JsonObject item = body.getJsonArray("output").getJsonObject(0);
        assertEquals("message", item.getString("type"));
        assertEquals("assistant", item.getString("role"));
        JsonObject part = item.getJsonArray("content").getJsonObject(0);
        assertEquals("output_text", part.getString("type"));
        assertEquals(SimulatedText.text(5), part.getString("text"));
        JsonObject usage = body.getJsonObject("usage");
        assertEquals(3, usage.getInteger("input_tokens"));
        assertEquals(5, usage.getInteger("output_tokens"));
        assertEquals(8, usage.getInteger("total_tokens"));
        assertEquals(0, usage.getJsonObject("input_tokens_details").getInteger("cached_tokens"));
    }

    @Test
    void streamsResponseEventsInOrderWithSequenceNumbers() {
        SimulatedServer server = harness.startFast(3);

        HttpResponse<String> response = harness.post(server, "/v1/responses",
                ask(new JsonArray().add(new JsonObject().put("role", "user").put("content", "Hello")))
                        .put("stream", true).encode());

        List<NamedEvent> events = namedEvents(response.body());
        assertEquals(List.of("response.created", "response.in_progress", "response.output_item.added",
                "response.content_part.added", "response.output_text.delta", "response.output_text.delta",
                "response.output_text.delta", "response.output_text.done", "response.content_part.done",
                "response.output_item.done", "response.completed"), events.stream().map(NamedEvent::name).toList());
        for (int i = 0; i < events.size(); i++) {
            assertEquals(events.get(i).name(), events.get(i).data().getString("type"));
            assertEquals(i, events.get(i).data().getInteger("sequence_number"));
        }
        assertEquals("in_progress", events.getFirst().data().getJsonObject("response").getString("status"));
        String itemId = events.get(2).data().getJsonObject("item").getString("id");
        StringBuilder text = new StringBuilder();
        events.stream().filter(e -> e.name().equals("response.output_text.delta")).forEach(e -> {
            assertEquals(itemId, e.data().getString("item_id"));
            text.append(e.data().getString("delta"));
        });
        assertEquals(SimulatedText.text(3), text.toString());
        assertEquals(SimulatedText.text(3), events.get(7).data().getString("text"));
        JsonObject completed = events.getLast().data().getJsonObject("response");
        assertEquals("completed", completed.getString("status"));
        assertEquals(3, completed.getJsonObject("usage").getInteger("output_tokens"));
        assertEquals(SimulatedText.text(3), completed.getJsonArray("output").getJsonObject(0)
                .getJsonArray("content").getJsonObject(0).getString("text"));
    }

    @Test
    void endsIncompleteWhenMaxOutputTokensCutsTheText() {
        SimulatedServer server = harness.startFast(32);

        JsonObject body = new JsonObject(harness.post(server, "/v1/responses",
                ask("Hello").put("max_output_tokens", 2).encode()).body());
        List<NamedEvent> events = namedEvents(harness.post(server, "/v1/responses",
                ask("Hello").put("max_output_tokens", 2).put("stream", true).encode()).body());

        assertEquals("incomplete", body.getString("status"));
        assertEquals("max_output_tokens", body.getJsonObject("incomplete_details").getString("reason"));
        assertEquals("response.incomplete", events.getLast().name());
    }

    @Test
    void returnsFunctionCallWhenRequestCarriesTools() {
        SimulatedServer server = harness.startFast(5);

        JsonObject body = new JsonObject(harness.post(server, "/v1/responses",
                ask("Weather?").put("tools", new JsonArray().add(weatherFunction())).encode()).body());

        JsonObject item = body.getJsonArray("output").getJsonObject(0);
        assertEquals("function_call", item.getString("type"));
        assertEquals("get_weather", item.getString("name"));
        assertTrue(item.getString("call_id").startsWith("call_"));
        assertEquals("completed", item.getString("status"));
        assertEquals("sample", new JsonObject(item.getString("arguments")).getString("city"));
    }

    @Test
    void streamsFunctionCallArgumentsAsDeltas() {
        SimulatedServer server = harness.startFast(5);

        List<NamedEvent> events = namedEvents(harness.post(server, "/v1/responses", ask("Weather?")
                .put("tools", new JsonArray().add(weatherFunction())).put("stream", true).encode()).body());

        JsonObject added = events.get(2).data().getJsonObject("item");
        assertEquals("function_call", added.getString("type"));
        assertEquals("", added.getString("arguments"));
        StringBuilder arguments = new StringBuilder();
        long deltas = events.stream().filter(e -> e.name().equals("response.function_call_arguments.delta"))
                .peek(e -> arguments.append(e.data().getString("delta"))).count();
        assertTrue(deltas > 2, "arguments arrive in several deltas");
        assertEquals("sample", new JsonObject(arguments.toString()).getString("city"));
        NamedEvent done = events.stream().filter(e -> e.name().equals("response.function_call_arguments.done"))
                .findFirst().orElseThrow();
        assertEquals(arguments.toString(), done.data().getString("arguments"));
        assertEquals("response.completed", events.getLast().name());
    }

    @Test
    void answersWithTextAfterAFunctionCallOutput() {
        SimulatedServer server = harness.startFast(4);
        JsonArray input = new JsonArray()
                .add(new JsonObject().put("role", "user").put("content", "Weather?"))
                .add(new JsonObject().put("type", "function_call").put("call_id", "call_1").put("name", "get_weather")
                        .put("arguments", "{\"city\":\"Paris\"}"))
                .add(new JsonObject().put("type", "function_call_output").put("call_id", "call_1")
                        .put("output", "18 C"));

        JsonObject body = new JsonObject(harness.post(server, "/v1/responses",
                ask(input).put("tools", new JsonArray().add(weatherFunction())).encode()).body());

        JsonObject item = body.getJsonArray("output").getJsonObject(0);
        assertEquals("message", item.getString("type"));
        assertEquals(SimulatedText.text(4), item.getJsonArray("content").getJsonObject(0).getString("text"));
    }

    @Test
    void refusesUnknownModelAndMissingInputInOpenAiShape() {
        SimulatedServer server = harness.startFast(2);

        HttpResponse<String> unknown = harness.post(server, "/v1/responses", ask("Hi").put("model", "nope").encode());
        HttpResponse<String> noInput = harness.post(server, "/v1/responses",
                new JsonObject().put("model", "demo-model").encode());

        assertEquals(404, unknown.statusCode());
        assertEquals("NotFoundError", new JsonObject(unknown.body()).getJsonObject("error").getString("type"));
        assertEquals(400, noInput.statusCode());
        assertEquals("input", new JsonObject(noInput.body()).getJsonObject("error").getString("param"));
    }
}
