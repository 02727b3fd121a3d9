package dev.switchboard.api;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.AnthropicException;
import com.anthropic.errors.BadRequestException;
import com.anthropic.errors.InternalServerException;
import com.anthropic.errors.NotFoundException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.simulator.Faults;
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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The official Anthropic Java SDK, unmodified, pointed at the router: against a Chat-only upstream ({@code chat-only},
 * translated) and against an Anthropic-dialect upstream ({@code anthropic-native}, passed through).
 */
@QuarkusTest
class AnthropicSdkTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TWELVE_WORDS = "\\S+( \\S+){11}";

    @TestHTTPResource("/")
    URL base;

    private AnthropicClient client;

    @BeforeEach
    void connect() {
        Simulators.reset();
        client = AnthropicOkHttpClient.builder().baseUrl(base.toString().replaceAll("/$", ""))
                .apiKey("sk-ant-caller-key-never-forwarded").maxRetries(0).build();
    }

    @AfterEach
    void close() {
        client.close();
    }

    private static MessageCreateParams.Builder ask(String group) {
        return MessageCreateParams.builder().model(group).maxTokens(200).system("Be brief.")
                .addUserMessage("What is the weather in Paris?");
    }

    @ParameterizedTest
    @ValueSource(strings = {"chat-only", "anthropic-native"})
    void answersText(String group) {
        Message message = client.messages().create(ask(group).build());

        assertTrue(message.content().getFirst().text().orElseThrow().text().trim().matches(TWELVE_WORDS));
        assertEquals(StopReason.END_TURN, message.stopReason().orElseThrow());
        assertEquals(12, message.usage().outputTokens());
        assertTrue(message.usage().inputTokens() > 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"chat-only", "anthropic-native"})
    void streamsText(String group) {
        MessageAccumulator accumulator = MessageAccumulator.create();

        try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(ask(group).build())) {
            stream.stream().forEach(accumulator::accumulate);
        }

        Message message = accumulator.message();
        assertTrue(message.content().getFirst().text().orElseThrow().text().trim().matches(TWELVE_WORDS));
        assertEquals(StopReason.END_TURN, message.stopReason().orElseThrow());
        assertEquals(12, message.usage().outputTokens());
    }

    @Test
    void sendsAChatOnlyUpstreamTheConversationInChatShape() throws Exception {
        client.messages().create(ask("chat-only").addTool(weatherTool()).build());

        List<ReceivedRequest> sent = Simulators.completions("sim-d");
        assertEquals(1, sent.size());
        JsonNode body = JSON.readTree(sent.get(0).body());
        assertEquals("qwen-upstream", body.path("model").asText());
        assertEquals("system", body.path("messages").path(0).path("role").asText());
        assertEquals("Be brief.", body.path("messages").path(0).path("content").asText());
        assertEquals(200, body.path("max_tokens").asInt());
        assertEquals("get_weather", body.path("tools").path(0).path("function").path("name").asText());
        assertEquals("object", body.path("tools").path(0).path("function").path("parameters").path("type").asText());
    }

    @Test
    void passesTheBodyThroughToAnAnthropicUpstreamWithOnlyTheModelRewritten() throws Exception {
        client.messages().create(ask("anthropic-native").build());

        List<ReceivedRequest> sent = Simulators.received("sim-d", "/v1/messages");
        assertEquals(1, sent.size());
        JsonNode body = JSON.readTree(sent.get(0).body());
        assertEquals("qwen-upstream", body.path("model").asText());
        assertEquals("Be brief.", body.path("system").asText());
        assertTrue(sent.get(0).headers().get("anthropic-version").matches("\\d{4}-\\d{2}-\\d{2}"),
                sent.get(0).headers().toString()); // the SDK's own version, forwarded
        assertEquals("test-upstream-key-5b1d", sent.get(0).headers().get("x-api-key"));
    }

    /** The "done": a multi-turn, tool-using conversation through a Chat-only upstream, whole answers. */
    @ParameterizedTest
    @ValueSource(strings = {"chat-only", "anthropic-native"})
    void holdsAMultiTurnToolConversation(String group) throws Exception {
        MessageCreateParams.Builder conversation = ask(group).addTool(weatherTool());

        Message first = client.messages().create(conversation.build());
        ToolUseBlock call = onlyToolUse(first);
        conversation.addMessage(first).addUserMessageOfContentBlockParams(List.of(toolResult(call, "18 C, sunny")));
        Message second = client.messages().create(conversation.build());
        conversation.addMessage(second).addUserMessage("And tomorrow?");
        Message third = client.messages().create(conversation.build());
        ToolUseBlock secondCall = onlyToolUse(third);
        conversation.addMessage(third).addUserMessageOfContentBlockParams(List.of(toolResult(secondCall, "rain")));
        Message fourth = client.messages().create(conversation.build());

        assertEquals(StopReason.END_TURN, second.stopReason().orElseThrow());
        assertTrue(second.content().getFirst().text().orElseThrow().text().trim().matches(TWELVE_WORDS));
        assertEquals(StopReason.END_TURN, fourth.stopReason().orElseThrow());
        if (group.equals("chat-only")) {
            assertUpstreamSawTheWholeConversation(call.id(), secondCall.id());
        }
    }

    /** The "done", streamed: every turn accumulated from the SDK's stream events. */
    @ParameterizedTest
    @ValueSource(strings = {"chat-only", "anthropic-native"})
    void holdsAMultiTurnToolConversationStreamed(String group) throws Exception {
        MessageCreateParams.Builder conversation = ask(group).addTool(weatherTool());

        Message first = streamed(conversation.build());
        ToolUseBlock call = onlyToolUse(first);
        conversation.addMessage(first).addUserMessageOfContentBlockParams(List.of(toolResult(call, "18 C, sunny")));
        Message second = streamed(conversation.build());
        conversation.addMessage(second).addUserMessage("And tomorrow?");
        Message third = streamed(conversation.build());
        ToolUseBlock secondCall = onlyToolUse(third);
        conversation.addMessage(third).addUserMessageOfContentBlockParams(List.of(toolResult(secondCall, "rain")));
        Message fourth = streamed(conversation.build());

        assertEquals(JsonValue.from(Map.of("city", "sample")), call._input());
        assertEquals(StopReason.END_TURN, second.stopReason().orElseThrow());
        assertTrue(second.content().getFirst().text().orElseThrow().text().trim().matches(TWELVE_WORDS));
        assertEquals(StopReason.END_TURN, fourth.stopReason().orElseThrow());
        if (group.equals("chat-only")) {
            assertUpstreamSawTheWholeConversation(call.id(), secondCall.id());
        }
    }

    @Test
    void countsTokensWithAnEstimateAndAsksNoUpstream() {
        long small = client.messages().countTokens(MessageCountTokensParams.builder().model("chat-only")
                .addUserMessage("Hi").build()).inputTokens();
        long large = client.messages().countTokens(MessageCountTokensParams.builder().model("chat-only")
                .addUserMessage("Hi ".repeat(400)).build()).inputTokens();

        assertTrue(small >= 1 && large > small + 250, small + " " + large);
        assertTrue(Simulators.server("sim-d").recentRequests().stream()
                .noneMatch(request -> request.path().startsWith("/v1/messages")
                        || request.path().equals("/v1/chat/completions")));
    }

    @Test
    void surfacesAnUnknownGroupAsNotFound() {
        NotFoundException error = assertThrows(NotFoundException.class,
                () -> client.messages().create(ask("no-such-group").build()));

        assertTrue(error.getMessage().contains("'no-such-group' does not exist"), error.getMessage());
    }

    @Test
    void refusesToolsForAGroupWhoseTargetsDoNotClaimThem() {
        BadRequestException error = assertThrows(BadRequestException.class,
                () -> client.messages().create(ask("llama").addTool(weatherTool()).build()));

        assertTrue(error.getMessage().contains("no target of model group 'llama' accepts tools in requests"),
                error.getMessage());
        assertTrue(Simulators.completions("sim-c").isEmpty());
    }

    @Test
    void reshapesAChatUpstreamsRefusalIntoAnAnthropicError() {
        Simulators.server("sim-d").faults(Faults.failing(400, 1.0));

        BadRequestException error = assertThrows(BadRequestException.class,
                () -> client.messages().create(ask("chat-only").build()));

        assertEquals(400, error.statusCode());
        assertEquals("invalid_request_error", error.errorType().orElseThrow().asString());
        assertTrue(error.apiMessage().orElseThrow().contains("Simulated failure injected"), error.getMessage());
    }

    @Test
    void surfacesAnUnreachableUpstreamAsAServerError() {
        InternalServerException error = assertThrows(InternalServerException.class,
                () -> client.messages().create(ask("unreachable").build()));

        assertEquals(502, error.statusCode());
    }

    @Test
    void endsACutStreamWithAnAnthropicErrorEvent() {
        Simulators.server("sim-d").faults(Faults.cuttingAfter(4));
        List<RawMessageStreamEvent> events = new ArrayList<>();

        AnthropicException error = assertThrows(AnthropicException.class, () -> {
            try (StreamResponse<RawMessageStreamEvent> stream = client.messages()
                    .createStreaming(ask("chat-only").build())) {
                stream.stream().forEach(events::add);
            }
        });

        assertTrue(String.valueOf(error.getMessage()).contains("broke off"), String.valueOf(error.getMessage()));
        assertTrue(events.getFirst().isMessageStart());
        assertFalse(events.stream().anyMatch(RawMessageStreamEvent::isMessageStop));
    }

    private Message streamed(MessageCreateParams params) {
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(params)) {
            stream.stream().forEach(accumulator::accumulate);
        }
        return accumulator.message();
    }

    /** The last upstream request holds the whole conversation as Chat wants it: calls, then their results. */
    private static void assertUpstreamSawTheWholeConversation(String firstCallId, String secondCallId) throws Exception {
        List<ReceivedRequest> sent = Simulators.completions("sim-d");
        assertEquals(4, sent.size());
        JsonNode messages = JSON.readTree(sent.get(3).body()).path("messages");
        List<String> roles = new ArrayList<>();
        messages.forEach(message -> roles.add(message.path("role").asText()));
        assertEquals(List.of("system", "user", "assistant", "tool", "assistant", "user", "assistant", "tool"), roles);
        assertEquals(firstCallId, messages.path(2).path("tool_calls").path(0).path("id").asText());
        assertEquals("get_weather", messages.path(2).path("tool_calls").path(0).path("function").path("name").asText());
        assertEquals(firstCallId, messages.path(3).path("tool_call_id").asText());
        assertEquals("18 C, sunny", messages.path(3).path("content").asText());
        assertEquals(secondCallId, messages.path(7).path("tool_call_id").asText());
    }

    private static ToolUseBlock onlyToolUse(Message message) {
        assertEquals(StopReason.TOOL_USE, message.stopReason().orElseThrow());
        List<ToolUseBlock> uses = message.content().stream().flatMap(block -> block.toolUse().stream()).toList();
        assertEquals(1, uses.size(), message.toString());
        assertEquals("get_weather", uses.getFirst().name());
        return uses.getFirst();
    }

    private static ContentBlockParam toolResult(ToolUseBlock call, String result) {
        return ContentBlockParam.ofToolResult(ToolResultBlockParam.builder().toolUseId(call.id()).content(result)
                .build());
    }

    private static Tool weatherTool() {
        return Tool.builder().name("get_weather").description("The weather in a city")
                .inputSchema(Tool.InputSchema.builder()
                        .properties(Tool.InputSchema.Properties.builder()
                                .putAdditionalProperty("city", JsonValue.from(Map.of("type", "string"))).build())
                        .required(List.of("city")).build())
                .build();
    }
}
