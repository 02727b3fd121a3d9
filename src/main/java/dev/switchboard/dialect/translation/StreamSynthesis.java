package dev.switchboard.dialect.translation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.dialect.Dialect;
import io.vertx.core.buffer.Buffer;

import java.util.ArrayList;
import java.util.List;

/**
 * The stream an upstream would have sent for a whole answer, in the upstream's own dialect, so the usual stream
 * translator can turn it into the caller's stream. Serves providers whose servers stream tool calls badly
 * ({@code synthesize_tool_streams}): they are asked for a whole answer, and the caller still gets a stream.
 */
final class StreamSynthesis {

    private StreamSynthesis() {
    }

    /** @throws IllegalArgumentException when {@code whole} is not a JSON object */
    static List<Buffer> events(Dialect dialect, byte[] whole) {
        ObjectNode answer = Trees.parseObject(whole);
        return switch (dialect) {
            case OPENAI_CHAT -> chat(answer);
            case ANTHROPIC -> anthropic(answer);
            case OPENAI_RESPONSES -> responses(answer);
        };
    }

    private static List<Buffer> chat(ObjectNode completion) {
        List<Buffer> events = new ArrayList<>(6);
        ChatChunks chunks = new ChatChunks(Trees.text(completion.get("id")), completion.path("created").asLong(Trees.now()),
                Trees.text(completion.get("model")));
        JsonNode choice = completion.path("choices").path(0);
        JsonNode message = choice.path("message");
        events.add(chunks.delta(Trees.object().put("role", "assistant").put("content", ""), null));
        String reasoning = Trees.text(message.get("reasoning_content"));
        if (!reasoning.isEmpty()) {
            events.add(chunks.delta(Trees.object().put("reasoning_content", reasoning), null));
        }
        String text = Trees.contentText(message.get("content"), "");
        if (!text.isEmpty()) {
            events.add(chunks.delta(Trees.object().put("content", text), null));
        }
        int index = 0;
        for (JsonNode call : message.path("tool_calls")) {
            ObjectNode delta = Trees.object();
            ObjectNode streamed = delta.putArray("tool_calls").addObject().put("index", index++);
            streamed.setAll((ObjectNode) call.deepCopy());
            events.add(chunks.delta(delta, null));
        }
        events.add(chunks.finish(Trees.text(choice.get("finish_reason")), choice.get("stop_reason")));
        if (completion.path("usage").isObject()) {
            events.add(chunks.usage((ObjectNode) completion.get("usage")));
        }
        events.add(SseEvent.done());
        return events;
    }

    private static List<Buffer> anthropic(ObjectNode message) {
        List<Buffer> events = new ArrayList<>(8);
        ObjectNode start = message.deepCopy();
        start.putArray("content");
        start.putNull("stop_reason");
        start.putNull("stop_sequence");
        events.add(AnthropicEvents.messageStart(start));
        int index = 0;
        for (JsonNode block : message.path("content")) {
            String type = Trees.text(block.get("type"));
            switch (type) {
                case "text" -> {
                    events.add(AnthropicEvents.blockStart(index, Trees.object().put("type", "text").put("text", "")));
                    events.add(AnthropicEvents.textDelta(index, Trees.text(block.get("text"))));
                }
                case "tool_use" -> {
                    ObjectNode opened = ((ObjectNode) block).deepCopy();
                    opened.putObject("input");
                    events.add(AnthropicEvents.blockStart(index, opened));
                    events.add(AnthropicEvents.jsonDelta(index, Trees.string(block.path("input"))));
                }
                case "thinking" -> {
                    events.add(AnthropicEvents.blockStart(index, Trees.object().put("type", "thinking")
                            .put("thinking", "")));
                    events.add(AnthropicEvents.thinkingDelta(index, Trees.text(block.get("thinking"))));
                }
                default -> events.add(AnthropicEvents.blockStart(index, (ObjectNode) block));
            }
            events.add(AnthropicEvents.blockStop(index++));
        }
        events.add(AnthropicEvents.messageDelta(Trees.text(message.get("stop_reason")),
                message.hasNonNull("stop_sequence") ? Trees.text(message.get("stop_sequence")) : null,
                Trees.object().put("output_tokens", message.path("usage").path("output_tokens").asLong())));
        events.add(AnthropicEvents.messageStop());
        return events;
    }

    private static List<Buffer> responses(ObjectNode response) {
        List<Buffer> events = new ArrayList<>(12);
        ResponsesEvents numbered = new ResponsesEvents();
        ObjectNode started = response.deepCopy().put("status", "in_progress");
        started.putArray("output");
        started.putNull("usage");
        events.add(numbered.event("response.created", ResponsesEvents.wrapping(started)));
        events.add(numbered.event("response.in_progress", ResponsesEvents.wrapping(started.deepCopy())));
        int index = 0;
        for (JsonNode item : response.path("output")) {
            ObjectNode opened = ((ObjectNode) item).deepCopy().put("status", "in_progress");
            String itemId = Trees.text(item.get("id"));
            switch (Trees.text(item.get("type"))) {
                case "message" -> {
                    opened.putArray("content");
                    events.add(numbered.event("response.output_item.added", ResponsesEvents.item(index, opened)));
                    int part = 0;
                    for (JsonNode content : item.path("content")) {
                        String text = Trees.text(content.get("text"));
                        ObjectNode where = Trees.object().put("item_id", itemId).put("output_index", index)
                                .put("content_index", part++);
                        events.add(numbered.event("response.content_part.added", where.deepCopy()
                                .set("part", ((ObjectNode) content).deepCopy().put("text", ""))));
                        events.add(numbered.event("response.output_text.delta", where.deepCopy().put("delta", text)
                                .set("logprobs", Trees.array())));
                        events.add(numbered.event("response.output_text.done", where.deepCopy().put("text", text)
                                .set("logprobs", Trees.array())));
                        events.add(numbered.event("response.content_part.done", where.deepCopy()
                                .set("part", content)));
                    }
                }
                case "function_call" -> {
                    opened.put("arguments", "");
                    events.add(numbered.event("response.output_item.added", ResponsesEvents.item(index, opened)));
                    String arguments = Trees.text(item.get("arguments"));
                    events.add(numbered.event("response.function_call_arguments.delta", Trees.object()
                            .put("item_id", itemId).put("output_index", index).put("delta", arguments)));
                    events.add(numbered.event("response.function_call_arguments.done", Trees.object()
                            .put("item_id", itemId).put("output_index", index).put("name", Trees.text(item.get("name")))
                            .put("arguments", arguments)));
                }
                default -> events.add(numbered.event("response.output_item.added", ResponsesEvents.item(index,
                        (ObjectNode) item)));
            }
            events.add(numbered.event("response.output_item.done", ResponsesEvents.item(index++, (ObjectNode) item)));
        }
        String status = Trees.text(response.get("status"));
        String terminal = switch (status) {
            case "incomplete" -> "response.incomplete";
            case "failed" -> "response.failed";
            default -> "response.completed";
        };
        events.add(numbered.event(terminal, ResponsesEvents.wrapping(response)));
        return events;
    }
}
