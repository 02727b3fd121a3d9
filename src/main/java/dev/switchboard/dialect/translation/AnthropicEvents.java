package dev.switchboard.dialect.translation;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;

/** Anthropic Messages objects and stream events, built for the caller. */
final class AnthropicEvents {

    private AnthropicEvents() {
    }

    /** A message object; {@code stopReason} and {@code stopSequence} may be null. */
    static ObjectNode message(String id, String model, ArrayNode content, String stopReason, String stopSequence,
                              ObjectNode usage) {
        ObjectNode message = Trees.object().put("id", id).put("type", "message").put("role", "assistant")
                .put("model", model);
        message.set("content", content);
        message.put("stop_reason", stopReason).put("stop_sequence", stopSequence);
        message.set("usage", usage);
        return message;
    }

    static Buffer messageStart(ObjectNode message) {
        ObjectNode event = Trees.object().put("type", "message_start");
        event.set("message", message);
        return SseEvent.named("message_start", event);
    }

    static Buffer blockStart(int index, ObjectNode block) {
        ObjectNode event = Trees.object().put("type", "content_block_start").put("index", index);
        event.set("content_block", block);
        return SseEvent.named("content_block_start", event);
    }

    static Buffer textDelta(int index, String text) {
        return delta(index, Trees.object().put("type", "text_delta").put("text", text));
    }

    static Buffer jsonDelta(int index, String partialJson) {
        return delta(index, Trees.object().put("type", "input_json_delta").put("partial_json", partialJson));
    }

    static Buffer thinkingDelta(int index, String thinking) {
        return delta(index, Trees.object().put("type", "thinking_delta").put("thinking", thinking));
    }

    static Buffer blockStop(int index) {
        return SseEvent.named("content_block_stop", Trees.object().put("type", "content_block_stop").put("index", index));
    }

    /** The closing delta: why the message stopped, and the final usage. */
    static Buffer messageDelta(String stopReason, String stopSequence, ObjectNode usage) {
        ObjectNode event = Trees.object().put("type", "message_delta");
        event.putObject("delta").put("stop_reason", stopReason).put("stop_sequence", stopSequence);
        event.set("usage", usage);
        return SseEvent.named("message_delta", event);
    }

    static Buffer messageStop() {
        return SseEvent.named("message_stop", Trees.object().put("type", "message_stop"));
    }

    private static Buffer delta(int index, ObjectNode delta) {
        ObjectNode event = Trees.object().put("type", "content_block_delta").put("index", index);
        event.set("delta", delta);
        return SseEvent.named("content_block_delta", event);
    }
}
