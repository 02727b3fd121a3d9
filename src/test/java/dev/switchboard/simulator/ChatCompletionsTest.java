package dev.switchboard.simulator;

import static dev.switchboard.simulator.SimulatorHarness.chat;
import static dev.switchboard.simulator.SimulatorHarness.chatChunks;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChatCompletionsTest {

    private final SimulatorHarness harness = new SimulatorHarness();

    @AfterEach
    void closeServers() {
        harness.close();
    }

    @Test
    void listsEveryServedModel() {
        SimulatedServer server = harness.start(SimulatorSettings.defaults("sim-a", 0).withModels("m-one", "m-two"));

        HttpResponse<String> response = harness.get(server, "/v1/models");

        assertEquals(200, response.statusCode());
        JsonObject list = new JsonObject(response.body());
        assertEquals("list", list.getString("object"));
        JsonArray data = list.getJsonArray("data");
        assertEquals(List.of("m-one", "m-two"), data.stream().map(m -> ((JsonObject) m).getString("id")).toList());
        JsonObject first = data.getJsonObject(0);
        assertEquals("model", first.getString("object"));
        assertEquals("vllm", first.getString("owned_by"));
        assertEquals("m-one", first.getString("root"));
        assertEquals(32768, first.getInteger("max_model_len"));
        assertTrue(first.getLong("created") > 0);
    }

    @Test
    void answersNonStreamedCompletionWithTextAndUsage() {
        SimulatedServer server = harness.startFast(12);

        HttpResponse<String> response = harness.post(server, "/v1/chat/completions",
                chat("demo-model", "Say something.").encode());

        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("content-type").orElseThrow().startsWith("application/json"));
        JsonObject completion = new JsonObject(response.body());
        assertEquals("chat.completion", completion.getString("object"));
        assertEquals("demo-model", completion.getString("model"));
        assertTrue(completion.getString("id").startsWith("chatcmpl-"));
        JsonObject choice = completion.getJsonArray("choices").getJsonObject(0);
        assertEquals("stop", choice.getString("finish_reason"));
        assertEquals("assistant", choice.getJsonObject("message").getString("role"));
        assertEquals(SimulatedText.text(12), choice.getJsonObject("message").getString("content"));
        JsonObject usage = completion.getJsonObject("usage");
        // canonical prompt "user\nSay something.\n\n" is 21 characters: 6 tokens of 4 characters
        assertEquals(6, usage.getInteger("prompt_tokens"));
        assertEquals(12, usage.getInteger("completion_tokens"));
        assertEquals(18, usage.getInteger("total_tokens"));
        assertEquals(0, usage.getJsonObject("prompt_tokens_details").getInteger("cached_tokens"));
    }

    @Test
    void streamsRoleFirstThenOneTokenPerChunkThenDone() {
        SimulatedServer server = harness.startFast(5);

        HttpResponse<String> response = harness.post(server, "/v1/chat/completions",
                chat("demo-model", "Stream please.").put("stream", true).encode());

        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("content-type").orElseThrow().startsWith("text/event-stream"));
        List<JsonObject> chunks = chatChunks(response.body());
        assertEquals(6, chunks.size(), "role chunk + 5 token chunks, no usage chunk unless asked");
        JsonObject roleDelta = chunks.getFirst().getJsonArray("choices").getJsonObject(0).getJsonObject("delta");
        assertEquals("assistant", roleDelta.getString("role"));
        StringBuilder text = new StringBuilder();
        for (int i = 1; i < chunks.size(); i++) {
            JsonObject chunk = chunks.get(i);
            assertEquals("chat.completion.chunk", chunk.getString("object"));
            assertEquals("demo-model", chunk.getString("model"));
            assertEquals(chunks.getFirst().getString("id"), chunk.getString("id"));
            JsonObject choice = chunk.getJsonArray("choices").getJsonObject(0);
            assertEquals(SimulatedText.token(i - 1), choice.getJsonObject("delta").getString("content"));
            assertEquals(i == chunks.size() - 1 ? "stop" : null, choice.getString("finish_reason"));
            text.append(choice.getJsonObject("delta").getString("content"));
            assertFalse(chunk.containsKey("usage"));
        }
        assertEquals(SimulatedText.text(5), text.toString());
    }

    @Test
    void streamEndsWithUsageChunkWhenIncludeUsageIsAsked() {
        SimulatedServer server = harness.startFast(4);

        HttpResponse<String> response = harness.post(server, "/v1/chat/completions", chat("demo-model", "Count.")
                .put("stream", true).put("stream_options", new JsonObject().put("include_usage", true)).encode());

        List<JsonObject> chunks = chatChunks(response.body());
        assertEquals(6, chunks.size(), "role + 4 tokens + usage");
        JsonObject usageChunk = chunks.getLast();
        assertTrue(usageChunk.getJsonArray("choices").isEmpty());
        assertEquals(4, usageChunk.getJsonObject("usage").getInteger("completion_tokens"));
        assertTrue(usageChunk.getJsonObject("usage").getInteger("prompt_tokens") > 0);
        assertEquals("stop", chunks.get(4).getJsonArray("choices").getJsonObject(0).getString("finish_reason"));
    }

    @Test
    void stopsWithLengthWhenMaxTokensCutsTheAnswer() {
        SimulatedServer server = harness.startFast(32);

        HttpResponse<String> whole = harness.post(server, "/v1/chat/completions",
                chat("demo-model", "Long answer.").put("max_tokens", 3).encode());
        HttpResponse<String> streamed = harness.post(server, "/v1/chat/completions",
                chat("demo-model", "Long answer.").put("max_completion_tokens", 2).put("stream", true).encode());

        JsonObject choice = new JsonObject(whole.body()).getJsonArray("choices").getJsonObject(0);
        assertEquals("length", choice.getString("finish_reason"));
        assertEquals(SimulatedText.text(3), choice.getJsonObject("message").getString("content"));
        List<JsonObject> chunks = chatChunks(streamed.body());
        assertEquals(3, chunks.size());
        assertEquals("length", chunks.getLast().getJsonArray("choices").getJsonObject(0).getString("finish_reason"));
    }

    @Test
    void answersUnknownModelWith404InOpenAiShape() {
        SimulatedServer server = harness.startFast(4);

        HttpResponse<String> response = harness.post(server, "/v1/chat/completions",
                chat("no-such-model", "Hi").encode());

        assertEquals(404, response.statusCode());
        JsonObject error = new JsonObject(response.body()).getJsonObject("error");
        assertEquals("The model `no-such-model` does not exist.", error.getString("message"));
        assertEquals("NotFoundError", error.getString("type"));
        assertEquals("model", error.getString("param"));
        assertEquals(404, error.getInteger("code"));
    }

    @Test
    void answersMalformedJsonWith400InOpenAiShape() {
        SimulatedServer server = harness.startFast(4);

        HttpResponse<String> response = harness.post(server, "/v1/chat/completions", "{\"model\": \"demo-model\",");

        assertEquals(400, response.statusCode());
        JsonObject error = new JsonObject(response.body()).getJsonObject("error");
        assertTrue(error.getString("message").startsWith("The request body is not valid JSON"));
        assertEquals("BadRequestError", error.getString("type"));
        assertTrue(error.containsKey("param"));
        assertEquals(400, error.getInteger("code"));
    }

    @Test
    void refusesRequestWithoutMessages() {
        SimulatedServer server = harness.startFast(4);

        HttpResponse<String> response = harness.post(server, "/v1/chat/completions",
                new JsonObject().put("model", "demo-model").encode());

        assertEquals(400, response.statusCode());
        assertEquals("messages", new JsonObject(response.body()).getJsonObject("error").getString("param"));
    }

    @Test
    void servesHealthAndVllmMetrics() {
        SimulatedServer server = harness.startFast(3);
        harness.post(server, "/v1/chat/completions", chat("demo-model", "One.").encode());

        HttpResponse<String> health = harness.get(server, "/health");
        HttpResponse<String> metrics = harness.get(server, "/metrics");

        assertEquals(200, health.statusCode());
        assertEquals("", health.body());
        String text = metrics.body();
        for (String family : List.of("vllm:num_requests_running", "vllm:num_requests_waiting",
                "vllm:gpu_cache_usage_perc", "vllm:kv_cache_usage_perc")) {
            assertTrue(text.contains("# TYPE " + family + " gauge\n"), family);
            assertTrue(text.contains("# HELP " + family + " "), family);
        }
        for (String family : List.of("vllm:prefix_cache_queries_total", "vllm:prefix_cache_hits_total",
                "vllm:prompt_tokens_total", "vllm:generation_tokens_total", "vllm:request_success_total")) {
            assertTrue(text.contains("# TYPE " + family + " counter\n"), family);
        }
        assertTrue(text.contains("vllm:generation_tokens_total{model_name=\"demo-model\"} 3.0\n"), text);
        assertTrue(text.contains("vllm:request_success_total{model_name=\"demo-model\"} 1.0\n"), text);
        assertTrue(text.contains("vllm:num_requests_running{model_name=\"demo-model\"} 0.0\n"), text);
    }
}
