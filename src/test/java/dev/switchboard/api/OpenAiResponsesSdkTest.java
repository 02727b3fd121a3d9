package dev.switchboard.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.models.responses.EasyInputMessage;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseStatus;
import com.openai.models.responses.ResponseStreamEvent;
import dev.switchboard.simulator.ReceivedRequest;
import dev.switchboard.testing.Simulators;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The official OpenAI Java SDK's Responses API, unmodified, pointed at the router: against a Chat-only upstream
 * ({@code chat-only}, translated) and against a Responses-dialect upstream ({@code responses-native}, passed through).
 */
@QuarkusTest
class OpenAiResponsesSdkTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TWELVE_WORDS = "\\S+( \\S+){11}";

    @TestHTTPResource("/v1")
    URL base;

    private OpenAIClient client;

    @BeforeEach
    void connect() {
        Simulators.reset();
        client = OpenAIOkHttpClient.builder().baseUrl(base.toString()).apiKey("sk-not-checked-yet").maxRetries(0)
                .build();
    }

    @AfterEach
    void close() {
        client.close();
    }

    private static ResponseCreateParams.Builder ask(String group) {
        return ResponseCreateParams.builder().model(group).instructions("Be brief.").input("What is the weather?");
    }

    @ParameterizedTest
    @ValueSource(strings = {"chat-only", "responses-native"})
    void answersText(String group) {
        Response response = client.responses().create(ask(group).build());

        assertEquals(ResponseStatus.COMPLETED, response.status().orElseThrow());
        String text = response.output().getFirst().asMessage().content().getFirst().asOutputText().text();
        assertTrue(text.trim().matches(TWELVE_WORDS), text);
        assertEquals(12, response.usage().orElseThrow().outputTokens());
        assertEquals("Be brief.", response.instructions().orElseThrow().asString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"chat-only", "responses-native"})
    void streamsText(String group) {
        StringBuilder text = new StringBuilder();
        List<String> types = new ArrayList<>();
        Response[] completed = {null};

        try (StreamResponse<ResponseStreamEvent> stream = client.responses().createStreaming(ask(group).build())) {
            stream.stream().forEach(event -> {
                types.add(type(event));
                event.outputTextDelta().ifPresent(delta -> text.append(delta.delta()));
                event.completed().ifPresent(done -> completed[0] = done.response());
            });
        }

        assertTrue(text.toString().trim().matches(TWELVE_WORDS), text.toString());
        assertNotNull(completed[0], types.toString());
        assertEquals(12, completed[0].usage().orElseThrow().outputTokens());
        assertEquals(List.of("created", "in_progress", "output_item.added", "content_part.added"), types.subList(0, 4));
        assertEquals(List.of("output_text.done", "content_part.done", "output_item.done", "completed"),
                types.subList(types.size() - 4, types.size()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"chat-only", "responses-native"})
    void returnsAFunctionCall(String group) throws Exception {
        Response response = client.responses().create(ask(group).addTool(weatherTool()).build());

        ResponseFunctionToolCall call = response.output().getFirst().asFunctionCall();
        assertEquals("get_weather", call.name());
        assertEquals("sample", JSON.readTree(call.arguments()).path("city").asText());
        assertTrue(!call.callId().isBlank());
    }

    /** The "done": a multi-turn, tool-using conversation through a Chat-only upstream, whole answers. */
    @ParameterizedTest
    @ValueSource(strings = {"chat-only", "responses-native"})
    void holdsAMultiTurnToolConversation(String group) throws Exception {
        converse(group, false);
    }

    /** The "done", streamed: each turn's items taken from its response.completed event. */
    @ParameterizedTest
    @ValueSource(strings = {"chat-only", "responses-native"})
    void holdsAMultiTurnToolConversationStreamed(String group) throws Exception {
        converse(group, true);
    }

    @Test
    void streamsAFunctionCallsArgumentsThroughAChatOnlyUpstream() throws Exception {
        StringBuilder arguments = new StringBuilder();
        ResponseFunctionToolCall[] done = {null};

        try (StreamResponse<ResponseStreamEvent> stream = client.responses()
                .createStreaming(ask("chat-only").addTool(weatherTool()).build())) {
            stream.stream().forEach(event -> {
                event.functionCallArgumentsDelta().ifPresent(delta -> arguments.append(delta.delta()));
                event.outputItemDone().ifPresent(item -> done[0] = item.item().asFunctionCall());
            });
        }

        assertEquals("sample", JSON.readTree(arguments.toString()).path("city").asText());
        assertEquals(arguments.toString(), done[0].arguments());
        assertEquals("get_weather", done[0].name());
    }

    @Test
    void surfacesAnUnknownGroupAsNotFound() {
        NotFoundException error = assertThrows(NotFoundException.class,
                () -> client.responses().create(ask("no-such-group").build()));

        assertEquals("model_not_found", error.code().orElseThrow());
    }

    @Test
    void refusesStoredStateForAGroupWithoutAResponsesTarget() {
        BadRequestException error = assertThrows(BadRequestException.class,
                () -> client.responses().create(ask("chat-only").previousResponseId("resp_123").build()));

        assertTrue(error.getMessage().contains("speaks openai-responses, which previous_response_id needs"),
                error.getMessage());
        assertTrue(Simulators.completions("sim-d").isEmpty());
    }

    private void converse(String group, boolean stream) throws Exception {
        List<ResponseInputItem> input = new ArrayList<>(List.of(user("What is the weather in Paris?")));

        Response first = turn(group, input, stream);
        ResponseFunctionToolCall call = onlyFunctionCall(first);
        input.add(ResponseInputItem.ofFunctionCall(call));
        input.add(output(call, "18 C, sunny"));
        Response second = turn(group, input, stream);
        input.add(ResponseInputItem.ofResponseOutputMessage(second.output().getFirst().asMessage()));
        input.add(user("And tomorrow?"));
        Response third = turn(group, input, stream);
        ResponseFunctionToolCall secondCall = onlyFunctionCall(third);
        input.add(ResponseInputItem.ofFunctionCall(secondCall));
        input.add(output(secondCall, "rain"));
        Response fourth = turn(group, input, stream);

        String text = second.output().getFirst().asMessage().content().getFirst().asOutputText().text();
        assertTrue(text.trim().matches(TWELVE_WORDS), text);
        assertEquals(ResponseStatus.COMPLETED, fourth.status().orElseThrow());
        assertTrue(fourth.output().getFirst().isMessage());
        if (group.equals("chat-only")) {
            List<ReceivedRequest> sent = Simulators.completions("sim-d");
            assertEquals(4, sent.size());
            JsonNode messages = JSON.readTree(sent.get(3).body()).path("messages");
            List<String> roles = new ArrayList<>();
            messages.forEach(message -> roles.add(message.path("role").asText()));
            assertEquals(List.of("system", "user", "assistant", "tool", "assistant", "user", "assistant", "tool"),
                    roles);
            assertEquals(call.callId(), messages.path(2).path("tool_calls").path(0).path("id").asText());
            assertEquals(call.callId(), messages.path(3).path("tool_call_id").asText());
            assertEquals("18 C, sunny", messages.path(3).path("content").asText());
            assertEquals(text, messages.path(4).path("content").asText());
        }
    }

    private Response turn(String group, List<ResponseInputItem> input, boolean stream) {
        ResponseCreateParams params = ResponseCreateParams.builder().model(group).instructions("Be brief.")
                .inputOfResponse(List.copyOf(input)).addTool(weatherTool()).build();
        if (!stream) {
            return client.responses().create(params);
        }
        Response[] completed = {null};
        try (StreamResponse<ResponseStreamEvent> events = client.responses().createStreaming(params)) {
            events.stream().forEach(event -> event.completed().ifPresent(done -> completed[0] = done.response()));
        }
        assertNotNull(completed[0]);
        return completed[0];
    }

    private static ResponseFunctionToolCall onlyFunctionCall(Response response) {
        List<ResponseFunctionToolCall> calls = response.output().stream()
                .flatMap(item -> item.functionCall().stream()).toList();
        assertEquals(1, calls.size(), response.toString());
        assertEquals(1, response.output().size());
        assertEquals("get_weather", calls.getFirst().name());
        return calls.getFirst();
    }

    private static ResponseInputItem user(String text) {
        return ResponseInputItem.ofEasyInputMessage(EasyInputMessage.builder().role(EasyInputMessage.Role.USER)
                .content(text).build());
    }

    private static ResponseInputItem output(ResponseFunctionToolCall call, String result) {
        return ResponseInputItem.ofFunctionCallOutput(ResponseInputItem.FunctionCallOutput.builder()
                .callId(call.callId()).output(result).build());
    }

    private static String type(ResponseStreamEvent event) {
        return event.isCreated() ? "created" : event.isInProgress() ? "in_progress"
                : event.isOutputItemAdded() ? "output_item.added" : event.isContentPartAdded() ? "content_part.added"
                : event.isOutputTextDelta() ? "output_text.delta" : event.isOutputTextDone() ? "output_text.done"
                : event.isContentPartDone() ? "content_part.done" : event.isOutputItemDone() ? "output_item.done"
                : event.isCompleted() ? "completed" : "other";
    }

    private static FunctionTool weatherTool() {
        return FunctionTool.builder().name("get_weather").strict(false)
                .parameters(FunctionTool.Parameters.builder()
                        .putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                        .putAdditionalProperty("required", JsonValue.from(List.of("city")))
                        .build())
                .build();
    }
}
