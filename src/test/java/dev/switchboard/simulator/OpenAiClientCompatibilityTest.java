package dev.switchboard.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.NotFoundException;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseStatus;
import com.openai.models.responses.ResponseStreamEvent;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The official OpenAI Java SDK reads the simulator's chat and responses answers, as real clients would. */
class OpenAiClientCompatibilityTest {

    private final SimulatorHarness harness = new SimulatorHarness();

    @AfterEach
    void closeServers() {
        harness.close();
    }

    private OpenAIClient client(SimulatedServer server) {
        return OpenAIOkHttpClient.builder().baseUrl("http://127.0.0.1:" + server.port() + "/v1").apiKey("unused")
                .maxRetries(0).build();
    }

    @Test
    void sdkReadsCompletionAndUsage() {
        SimulatedServer server = harness.startFast(6);

        ChatCompletion completion = client(server).chat().completions().create(ChatCompletionCreateParams.builder()
                .model("demo-model").addUserMessage("Hello").build());

        assertEquals("demo-model", completion.model());
        assertEquals(SimulatedText.text(6), completion.choices().getFirst().message().content().orElseThrow());
        assertEquals(ChatCompletion.Choice.FinishReason.STOP, completion.choices().getFirst().finishReason());
        assertEquals(6, completion.usage().orElseThrow().completionTokens());
        assertEquals(0, completion.usage().orElseThrow().promptTokensDetails().orElseThrow().cachedTokens()
                .orElseThrow());
    }

    @Test
    void sdkAssemblesStreamAndReadsUsageChunk() {
        SimulatedServer server = harness.startFast(7);
        StringBuilder text = new StringBuilder();
        long[] completionTokens = {-1};

        try (StreamResponse<ChatCompletionChunk> stream = client(server).chat().completions().createStreaming(
                ChatCompletionCreateParams.builder().model("demo-model").addUserMessage("Hello")
                        .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build())) {
            stream.stream().forEach(chunk -> {
                chunk.choices().forEach(choice -> choice.delta().content().ifPresent(text::append));
                chunk.usage().ifPresent(usage -> completionTokens[0] = usage.completionTokens());
            });
        }

        assertEquals(SimulatedText.text(7), text.toString());
        assertEquals(7, completionTokens[0]);
    }

    @Test
    void sdkReadsStreamedToolCall() {
        SimulatedServer server = harness.startFast(7);
        FunctionParameters parameters = FunctionParameters.builder()
                .putAdditionalProperty("type", JsonValue.from("object"))
                .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                .putAdditionalProperty("required", JsonValue.from(List.of("city")))
                .build();
        StringBuilder arguments = new StringBuilder();
        String[] name = {null};

        try (StreamResponse<ChatCompletionChunk> stream = client(server).chat().completions().createStreaming(
                ChatCompletionCreateParams.builder().model("demo-model").addUserMessage("Weather?")
                        .addTool(ChatCompletionFunctionTool.builder().function(FunctionDefinition.builder()
                                .name("get_weather").parameters(parameters).build()).build())
                        .build())) {
            stream.stream().forEach(chunk -> chunk.choices().forEach(choice -> choice.delta().toolCalls()
                    .ifPresent(calls -> calls.forEach(call -> call.function().ifPresent(function -> {
                        function.name().ifPresent(n -> name[0] = n);
                        function.arguments().ifPresent(arguments::append);
                    })))));
        }

        assertEquals("get_weather", name[0]);
        assertEquals("sample", new JsonObject(arguments.toString()).getString("city"));
    }

    @Test
    void sdkReadsResponseTextAndUsage() {
        SimulatedServer server = harness.startFast(4);

        Response response = client(server).responses().create(ResponseCreateParams.builder().model("demo-model")
                .input("Hello").build());

        assertEquals(ResponseStatus.COMPLETED, response.status().orElseThrow());
        assertEquals(SimulatedText.text(4), response.output().getFirst().message().orElseThrow().content()
                .getFirst().outputText().orElseThrow().text());
        assertEquals(4, response.usage().orElseThrow().outputTokens());
    }

    @Test
    void sdkReadsStreamedResponseText() {
        SimulatedServer server = harness.startFast(6);
        StringBuilder text = new StringBuilder();
        Response[] completed = {null};

        try (StreamResponse<ResponseStreamEvent> stream = client(server).responses().createStreaming(
                ResponseCreateParams.builder().model("demo-model").input("Hello").build())) {
            stream.stream().forEach(event -> {
                if (event.isOutputTextDelta()) {
                    text.append(event.asOutputTextDelta().delta());
                } else if (event.isCompleted()) {
                    completed[0] = event.asCompleted().response();
                }
            });
        }

        assertEquals(SimulatedText.text(6), text.toString());
        assertEquals(6, completed[0].usage().orElseThrow().outputTokens());
    }

    @Test
    void sdkReadsResponseFunctionCall() {
        SimulatedServer server = harness.startFast(4);
        FunctionTool tool = FunctionTool.builder().name("get_weather").strict(false)
                .parameters(FunctionTool.Parameters.builder()
                        .putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                        .putAdditionalProperty("required", JsonValue.from(List.of("city")))
                        .build())
                .build();

        Response response = client(server).responses().create(ResponseCreateParams.builder().model("demo-model")
                .input("Weather?").addTool(tool).build());

        ResponseFunctionToolCall call = response.output().getFirst().functionCall().orElseThrow();
        assertEquals("get_weather", call.name());
        assertEquals("sample", new JsonObject(call.arguments()).getString("city"));
    }

    @Test
    void sdkSeesUnknownModelAsNotFound() {
        SimulatedServer server = harness.startFast(3);

        NotFoundException error = assertThrows(NotFoundException.class, () -> client(server).chat().completions()
                .create(ChatCompletionCreateParams.builder().model("missing").addUserMessage("Hi").build()));

        assertTrue(error.getMessage().contains("The model `missing` does not exist."), error.getMessage());
    }
}
