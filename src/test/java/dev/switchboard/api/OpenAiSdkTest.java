package dev.switchboard.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.InternalServerException;
import com.openai.errors.NotFoundException;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.models.Model;
import dev.switchboard.testing.Simulators;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The official OpenAI Java SDK, unmodified, pointed at the router. */
@QuarkusTest
class OpenAiSdkTest {

    @TestHTTPResource("/v1")
    URL base;

    private OpenAIClient client;

    @BeforeEach
    void connect() {
        Simulators.reset();
        client = OpenAIOkHttpClient.builder().baseUrl(base.toString()).apiKey("sk-not-checked-yet").maxRetries(0).build();
    }

    @AfterEach
    void close() {
        client.close();
    }

    private static ChatCompletionCreateParams.Builder ask(String group) {
        return ChatCompletionCreateParams.builder().model(group).addUserMessage("Say hello in one sentence.");
    }

    @Test
    void listsTheModelGroups() {
        List<String> ids = client.models().list().data().stream().map(Model::id).toList();

        assertTrue(ids.containsAll(List.of("chat", "spread", "llama")), ids.toString());
    }

    @Test
    void chats() {
        ChatCompletion completion = client.chat().completions().create(ask("chat").build());

        String text = completion.choices().get(0).message().content().orElseThrow();
        assertEquals(12, text.trim().split("\\s+").length, text);
        assertEquals(12L, completion.usage().orElseThrow().completionTokens());
    }

    @Test
    void assemblesAStreamedAnswerIntoTheSameText() {
        String whole = client.chat().completions().create(ask("llama").build())
                .choices().get(0).message().content().orElseThrow();
        StringBuilder streamed = new StringBuilder();

        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(ask("llama").build())) {
            stream.stream().forEach(chunk -> chunk.choices().forEach(choice ->
                    choice.delta().content().ifPresent(streamed::append)));
        }

        assertEquals(whole, streamed.toString());
    }

    @Test
    void streamsAToolCall() throws Exception {
        ChatCompletionCreateParams params = ask("chat").addTool(weatherTool()).build();
        StringBuilder arguments = new StringBuilder();
        StringBuilder name = new StringBuilder();
        String[] finish = new String[1];

        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
            stream.stream().forEach(chunk -> chunk.choices().forEach(choice -> {
                choice.delta().toolCalls().ifPresent(calls -> calls.forEach(call -> call.function().ifPresent(f -> {
                    f.name().ifPresent(name::append);
                    f.arguments().ifPresent(arguments::append);
                })));
                choice.finishReason().ifPresent(reason -> finish[0] = reason.asString());
            }));
        }

        assertEquals("get_weather", name.toString());
        assertEquals("tool_calls", finish[0]);
        JsonNode args = new ObjectMapper().readTree(arguments.toString());
        assertTrue(args.has("location") && args.has("unit"), arguments.toString());
    }

    @Test
    void returnsANonStreamedToolCall() {
        ChatCompletion completion = client.chat().completions().create(ask("chat").addTool(weatherTool()).build());

        ChatCompletionMessageFunctionToolCall call = completion.choices().get(0).message().toolCalls().orElseThrow()
                .get(0).asFunction();
        assertEquals("get_weather", call.function().name());
        assertEquals("tool_calls", completion.choices().get(0).finishReason().asString());
    }

    @Test
    void surfacesAnUnknownGroupAsNotFoundException() {
        NotFoundException error = assertThrows(NotFoundException.class,
                () -> client.chat().completions().create(ask("no-such-group").build()));

        assertEquals(404, error.statusCode());
        assertEquals("model_not_found", error.code().orElseThrow());
    }

    @Test
    void surfacesAnUnreachableUpstreamAsAServerError() {
        InternalServerException error = assertThrows(InternalServerException.class,
                () -> client.chat().completions().create(ask("unreachable").build()));

        assertEquals(502, error.statusCode());
    }

    private static ChatCompletionFunctionTool weatherTool() {
        return ChatCompletionFunctionTool.builder().function(FunctionDefinition.builder()
                .name("get_weather")
                .parameters(FunctionParameters.builder()
                        .putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(Map.of(
                                "location", Map.of("type", "string"),
                                "unit", Map.of("type", "string", "enum", List.of("celsius", "fahrenheit")))))
                        .putAdditionalProperty("required", JsonValue.from(List.of("location", "unit")))
                        .build())
                .build()).build();
    }
}
