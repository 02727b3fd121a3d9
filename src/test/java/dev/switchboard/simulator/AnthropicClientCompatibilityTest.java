package dev.switchboard.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.NotFoundException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.Tool;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The official Anthropic Java SDK reads the simulator's Messages answers, whole and streamed. */
class AnthropicClientCompatibilityTest {

    private final SimulatorHarness harness = new SimulatorHarness();

    @AfterEach
    void closeServers() {
        harness.close();
    }

    private AnthropicClient client(SimulatedServer server) {
        return AnthropicOkHttpClient.builder().baseUrl("http://127.0.0.1:" + server.port()).apiKey("unused")
                .maxRetries(0).build();
    }

    private static MessageCreateParams.Builder ask(String text) {
        return MessageCreateParams.builder().model("demo-model").maxTokens(100).addUserMessage(text);
    }

    @Test
    void sdkReadsMessageAndUsage() {
        SimulatedServer server = harness.startFast(6);

        Message message = client(server).messages().create(ask("Hello").build());

        assertEquals(SimulatedText.text(6), message.content().getFirst().text().orElseThrow().text());
        assertEquals(StopReason.END_TURN, message.stopReason().orElseThrow());
        assertEquals(6, message.usage().outputTokens());
    }

    @Test
    void sdkAccumulatesStreamedText() {
        SimulatedServer server = harness.startFast(5);
        MessageAccumulator accumulator = MessageAccumulator.create();

        try (StreamResponse<RawMessageStreamEvent> stream = client(server).messages()
                .createStreaming(ask("Hello").build())) {
            stream.stream().forEach(accumulator::accumulate);
        }

        Message message = accumulator.message();
        assertEquals(SimulatedText.text(5), message.content().getFirst().text().orElseThrow().text());
        assertEquals(StopReason.END_TURN, message.stopReason().orElseThrow());
        assertEquals(5, message.usage().outputTokens());
    }

    @Test
    void sdkAccumulatesStreamedToolUse() {
        SimulatedServer server = harness.startFast(5);
        Tool tool = Tool.builder().name("get_weather").inputSchema(Tool.InputSchema.builder()
                .properties(Tool.InputSchema.Properties.builder()
                        .putAdditionalProperty("city", JsonValue.from(Map.of("type", "string"))).build())
                .required(List.of("city")).build()).build();
        MessageAccumulator accumulator = MessageAccumulator.create();

        try (StreamResponse<RawMessageStreamEvent> stream = client(server).messages()
                .createStreaming(ask("Weather?").addTool(tool).build())) {
            stream.stream().forEach(accumulator::accumulate);
        }

        Message message = accumulator.message();
        assertEquals(StopReason.TOOL_USE, message.stopReason().orElseThrow());
        assertEquals("get_weather", message.content().getFirst().toolUse().orElseThrow().name());
        assertEquals(JsonValue.from(Map.of("city", "sample")),
                message.content().getFirst().toolUse().orElseThrow()._input());
    }

    @Test
    void sdkSeesUnknownModelAsNotFound() {
        SimulatedServer server = harness.startFast(2);

        assertThrows(NotFoundException.class, () -> client(server).messages().create(ask("Hi").model("nope").build()));
    }
}
