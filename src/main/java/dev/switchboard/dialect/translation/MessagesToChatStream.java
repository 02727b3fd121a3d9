package dev.switchboard.dialect.translation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.dialect.Dialect;
import dev.switchboard.dialect.TokenUsage;

import java.util.HashMap;
import java.util.Map;

/**
 * An Anthropic Messages stream as a Chat Completions stream: {@code message_start} opens with the assistant role;
 * text, thinking and {@code input_json_delta}s become content, {@code reasoning_content} and tool-call argument
 * deltas ({@code tool_use} blocks numbered as Chat's tool-call indexes); {@code message_delta} gives the finish
 * reason; {@code message_stop} the usage chunk (when the caller asked for it) and {@code [DONE]}.
 */
final class MessagesToChatStream extends TranslatingStream {

    private final CallerRequest request;
    private final Map<Integer, Integer> toolIndexes = new HashMap<>(4); // block index -> Chat's tool-call index
    private ChatChunks chunks;
    private ObjectNode usage = Trees.object();

    MessagesToChatStream(CallerRequest request, StreamSink sink) {
        super(sink, Dialect.OPENAI_CHAT);
        this.request = request;
    }

    @Override
    protected void onEvent(String name, ObjectNode event) {
        if (name.equals("error")) {
            upstreamError(event);
            return;
        }
        if (chunks == null) {
            start(event.path("message"));
        }
        switch (name) {
            case "content_block_start" -> blockStart(event.path("index").asInt(), event.path("content_block"));
            case "content_block_delta" -> blockDelta(event.path("index").asInt(), event.path("delta"));
            case "message_delta" -> {
                merge(event.path("usage"));
                sink.write(chunks.delta(Trees.object(), MessagesToChatAnswer.finishReason(
                        Trees.text(event.path("delta").get("stop_reason")))));
            }
            case "message_stop" -> {
                if (request.wantsUsage()) {
                    sink.write(chunks.usage(MessagesToChatAnswer.usage(usage)));
                }
                sink.write(SseEvent.done());
                finish();
            }
            default -> { } // ping, content_block_stop, message_start (handled above)
        }
    }

    private void start(JsonNode message) {
        String id = Trees.text(message.get("id"));
        chunks = new ChatChunks(id.isEmpty() ? Trees.id("chatcmpl-") : "chatcmpl-" + id, Trees.now(),
                Trees.text(message.get("model")));
        merge(message.path("usage"));
        sink.write(chunks.delta(Trees.object().put("role", "assistant").put("content", ""), null));
    }

    private void blockStart(int index, JsonNode block) {
        switch (Trees.text(block.get("type"))) {
            case "tool_use" -> {
                int toolIndex = toolIndexes.size();
                toolIndexes.put(index, toolIndex);
                ObjectNode call = Trees.object().put("index", toolIndex).put("id", Trees.text(block.get("id")))
                        .put("type", "function");
                call.putObject("function").put("name", Trees.text(block.get("name"))).put("arguments", "");
                sink.write(chunks.delta(toolCalls(call), null));
            }
            case "text" -> {
                String text = Trees.text(block.get("text"));
                if (!text.isEmpty()) {
                    sink.write(chunks.delta(Trees.object().put("content", text), null));
                    sink.token();
                }
            }
            default -> { }
        }
    }

    private void blockDelta(int index, JsonNode delta) {
        switch (Trees.text(delta.get("type"))) {
            case "text_delta" -> sink.write(chunks.delta(Trees.object().put("content", Trees.text(delta.get("text"))),
                    null));
            case "thinking_delta" -> sink.write(chunks.delta(Trees.object().put("reasoning_content",
                    Trees.text(delta.get("thinking"))), null));
            case "input_json_delta" -> {
                ObjectNode call = Trees.object().put("index", toolIndexes.getOrDefault(index, 0));
                call.putObject("function").put("arguments", Trees.text(delta.get("partial_json")));
                sink.write(chunks.delta(toolCalls(call), null));
            }
            default -> {
                return; // signatures, citations: nothing a chat caller can read
            }
        }
        sink.token();
    }

    private static ObjectNode toolCalls(ObjectNode call) {
        ObjectNode delta = Trees.object();
        delta.putArray("tool_calls").add(call);
        return delta;
    }

    /** Anthropic restates counts in message_delta; the latest of each wins. */
    private void merge(JsonNode counts) {
        if (counts.isObject()) {
            counts.fields().forEachRemaining(field -> {
                if (field.getValue().isNumber()) {
                    usage.set(field.getKey(), field.getValue());
                }
            });
            sink.usage(TokenUsage.fromAnthropic(usage));
        }
    }
}
