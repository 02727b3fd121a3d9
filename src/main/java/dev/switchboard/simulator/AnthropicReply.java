package dev.switchboard.simulator;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;

/**
 * An answer in Anthropic Messages shape. The stream is message_start, one content block (text or tool_use) with its
 * deltas, message_delta with the stop reason and output tokens, message_stop. Usage follows Anthropic's meaning:
 * {@code input_tokens} excludes the tokens read from the cache, which {@code cache_read_input_tokens} reports.
 */
final class AnthropicReply implements ReplyWriter {

    private static final byte[] TEXT_DELTA = bytes("event: content_block_delta\ndata: {\"type\":\"content_block_delta\","
            + "\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"");
    private static final byte[] TEXT_DELTA_END = bytes("\"}}\n\n");
    private static final byte[] JSON_DELTA = bytes("event: content_block_delta\ndata: {\"type\":\"content_block_delta\","
            + "\"index\":0,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":");
    private static final byte[] JSON_DELTA_END = bytes("}}\n\n");

    private final String id;
    private final String model;
    private final Reply reply;

    AnthropicReply(String id, String model, Reply reply) {
        this.id = id;
        this.model = model;
        this.reply = reply;
    }

    @Override
    public Buffer whole(Usage usage) {
        JsonObject block = switch (reply) {
            case Reply.Text text -> new JsonObject().put("type", "text").put("text", SimulatedText.text(text.tokens()));
            case Reply.ToolCall call -> toolUse(call, new JsonObject(call.arguments()));
        };
        return message(new JsonArray().add(block), stopReason(), usageJson(usage, usage.completionTokens()))
                .toBuffer();
    }

    @Override
    public void opening(EventSink sink, Usage usage) {
        JsonObject start = message(new JsonArray(), null, usageJson(usage, 1));
        sink.event(frame("message_start", new JsonObject().put("type", "message_start").put("message", start)));
        JsonObject block = switch (reply) {
            case Reply.Text text -> new JsonObject().put("type", "text").put("text", "");
            case Reply.ToolCall call -> toolUse(call, new JsonObject());
        };
        sink.event(frame("content_block_start", new JsonObject().put("type", "content_block_start").put("index", 0)
                .put("content_block", block)));
    }

    @Override
    public void piece(EventSink sink, int index, boolean last, Usage usage) {
        switch (reply) {
            case Reply.Text text -> {
                byte[] token = SimulatedText.tokenBytes(index);
                sink.event(Buffer.buffer(TEXT_DELTA.length + token.length + TEXT_DELTA_END.length)
                        .appendBytes(TEXT_DELTA).appendBytes(token).appendBytes(TEXT_DELTA_END));
            }
            case Reply.ToolCall call -> {
                byte[] fragment = bytes(Json.encode(call.fragment(index)));
                sink.event(Buffer.buffer(JSON_DELTA.length + fragment.length + JSON_DELTA_END.length)
                        .appendBytes(JSON_DELTA).appendBytes(fragment).appendBytes(JSON_DELTA_END));
            }
        }
    }

    @Override
    public void closing(EventSink sink, Usage usage) {
        sink.event(frame("content_block_stop", new JsonObject().put("type", "content_block_stop").put("index", 0)));
        sink.event(frame("message_delta", new JsonObject().put("type", "message_delta")
                .put("delta", new JsonObject().put("stop_reason", stopReason()).putNull("stop_sequence"))
                .put("usage", new JsonObject().put("output_tokens", usage.completionTokens()))));
        sink.event(frame("message_stop", new JsonObject().put("type", "message_stop")));
    }

    private JsonObject message(JsonArray content, String stopReason, JsonObject usage) {
        return new JsonObject()
                .put("id", id)
                .put("type", "message")
                .put("role", "assistant")
                .put("model", model)
                .put("content", content)
                .put("stop_reason", stopReason)
                .putNull("stop_sequence")
                .put("usage", usage);
    }

    private String stopReason() {
        return switch (reply) {
            case Reply.Text text -> text.truncated() ? "max_tokens" : "end_turn";
            case Reply.ToolCall call -> "tool_use";
        };
    }

    private static JsonObject toolUse(Reply.ToolCall call, JsonObject input) {
        return new JsonObject().put("type", "tool_use").put("id", call.id()).put("name", call.name())
                .put("input", input);
    }

    private static JsonObject usageJson(Usage usage, int outputTokens) {
        return new JsonObject()
                .put("input_tokens", usage.promptTokens() - usage.cachedTokens())
                .put("cache_creation_input_tokens", 0)
                .put("cache_read_input_tokens", usage.cachedTokens())
                .put("output_tokens", outputTokens);
    }

    private static Buffer frame(String event, JsonObject data) {
        return Buffer.buffer("event: " + event + "\ndata: " + data.encode() + "\n\n");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
