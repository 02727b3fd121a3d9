package dev.switchboard.simulator;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;

/**
 * An answer in OpenAI Responses shape: one output item, a message or a function call. The stream runs
 * response.created, response.in_progress, response.output_item.added, (response.content_part.added), the deltas, the
 * .done events and response.completed (response.incomplete when max_output_tokens cut the text), every event with
 * its sequence_number.
 */
final class ResponsesReply implements ReplyWriter {

    private static final byte[] SEQUENCE = bytes(",\"sequence_number\":");
    private static final byte[] TEXT_MIDDLE = bytes("\",\"logprobs\":[]");
    private static final byte[] END = bytes("}\n\n");

    private final String id;
    private final String itemId;
    private final long createdAt;
    private final String model;
    private final JsonObject echo;
    private final Reply reply;
    private final byte[] deltaHead;
    private int sequence;

    /** {@code echo} holds the request fields a response repeats: instructions, max_output_tokens, tools ... */
    ResponsesReply(String id, long createdAt, String model, JsonObject echo, Reply reply) {
        this.id = id;
        this.createdAt = createdAt;
        this.model = model;
        this.echo = echo;
        this.reply = reply;
        this.itemId = Engine.newId(reply instanceof Reply.ToolCall ? "fc_" : "msg_");
        this.deltaHead = bytes(switch (reply) {
            case Reply.Text text -> "event: response.output_text.delta\ndata: {\"type\":\"response.output_text.delta\","
                    + "\"item_id\":\"" + itemId + "\",\"output_index\":0,\"content_index\":0,\"delta\":\"";
            case Reply.ToolCall call -> "event: response.function_call_arguments.delta\ndata: {\"type\":"
                    + "\"response.function_call_arguments.delta\",\"item_id\":\"" + itemId
                    + "\",\"output_index\":0,\"delta\":";
        });
    }

    @Override
    public Buffer whole(Usage usage) {
        return response(finalStatus(), new JsonArray().add(item(true)), usage).toBuffer();
    }

    @Override
    public void opening(EventSink sink, Usage usage) {
        JsonObject started = response("in_progress", new JsonArray(), null);
        sink.event(frame("response.created", new JsonObject().put("response", started)));
        sink.event(frame("response.in_progress", new JsonObject().put("response", started)));
        sink.event(frame("response.output_item.added", new JsonObject().put("output_index", 0)
                .put("item", item(false))));
        if (reply instanceof Reply.Text) {
            sink.event(frame("response.content_part.added", new JsonObject().put("item_id", itemId)
                    .put("output_index", 0).put("content_index", 0).put("part", textPart(""))));
        }
    }

    @Override
    public void piece(EventSink sink, int index, boolean last, Usage usage) {
        byte[] number = bytes(Integer.toString(sequence++));
        switch (reply) {
            case Reply.Text text -> {
                byte[] token = SimulatedText.tokenBytes(index);
                sink.event(Buffer.buffer(deltaHead.length + token.length + 48)
                        .appendBytes(deltaHead).appendBytes(token).appendBytes(TEXT_MIDDLE)
                        .appendBytes(SEQUENCE).appendBytes(number).appendBytes(END));
            }
            case Reply.ToolCall call -> {
                byte[] fragment = bytes(Json.encode(call.fragment(index)));
                sink.event(Buffer.buffer(deltaHead.length + fragment.length + 40)
                        .appendBytes(deltaHead).appendBytes(fragment)
                        .appendBytes(SEQUENCE).appendBytes(number).appendBytes(END));
            }
        }
    }

    @Override
    public void closing(EventSink sink, Usage usage) {
        switch (reply) {
            case Reply.Text text -> {
                String whole = SimulatedText.text(text.tokens());
                sink.event(frame("response.output_text.done", new JsonObject().put("item_id", itemId)
                        .put("output_index", 0).put("content_index", 0).put("text", whole).put("logprobs",
                                new JsonArray())));
                sink.event(frame("response.content_part.done", new JsonObject().put("item_id", itemId)
                        .put("output_index", 0).put("content_index", 0).put("part", textPart(whole))));
            }
            case Reply.ToolCall call -> sink.event(frame("response.function_call_arguments.done", new JsonObject()
                    .put("item_id", itemId).put("output_index", 0).put("name", call.name())
                    .put("arguments", call.arguments())));
        }
        sink.event(frame("response.output_item.done", new JsonObject().put("output_index", 0).put("item", item(true))));
        String status = finalStatus();
        sink.event(frame(status.equals("completed") ? "response.completed" : "response.incomplete",
                new JsonObject().put("response", response(status, new JsonArray().add(item(true)), usage))));
    }

    private String finalStatus() {
        return reply instanceof Reply.Text text && text.truncated() ? "incomplete" : "completed";
    }

    /** The output item, in progress (empty) or done (whole). */
    private JsonObject item(boolean done) {
        String status = done ? finalStatus() : "in_progress";
        return switch (reply) {
            case Reply.Text text -> new JsonObject().put("type", "message").put("id", itemId).put("status", status)
                    .put("role", "assistant").put("content", done
                            ? new JsonArray().add(textPart(SimulatedText.text(text.tokens()))) : new JsonArray());
            case Reply.ToolCall call -> new JsonObject().put("type", "function_call").put("id", itemId)
                    .put("call_id", call.id()).put("name", call.name())
                    .put("arguments", done ? call.arguments() : "").put("status", status);
        };
    }

    private JsonObject response(String status, JsonArray output, Usage usage) {
        JsonObject response = new JsonObject()
                .put("id", id)
                .put("object", "response")
                .put("created_at", createdAt)
                .put("status", status)
                .putNull("error")
                .put("incomplete_details", status.equals("incomplete")
                        ? new JsonObject().put("reason", "max_output_tokens") : null)
                .put("model", model)
                .put("output", output)
                .put("parallel_tool_calls", true)
                .put("temperature", 1.0)
                .put("top_p", 1.0)
                .put("text", new JsonObject().put("format", new JsonObject().put("type", "text")))
                .put("metadata", new JsonObject())
                .put("usage", usage == null ? null : new JsonObject()
                        .put("input_tokens", usage.promptTokens())
                        .put("input_tokens_details", new JsonObject().put("cached_tokens", usage.cachedTokens()))
                        .put("output_tokens", usage.completionTokens())
                        .put("output_tokens_details", new JsonObject().put("reasoning_tokens", 0))
                        .put("total_tokens", usage.totalTokens()));
        echo.forEach(field -> response.put(field.getKey(), field.getValue()));
        return response;
    }

    private static JsonObject textPart(String text) {
        return new JsonObject().put("type", "output_text").put("text", text).put("annotations", new JsonArray());
    }

    // Every event carries its type and its place in the stream.
    private Buffer frame(String type, JsonObject fields) {
        JsonObject data = new JsonObject().put("type", type);
        fields.forEach(field -> data.put(field.getKey(), field.getValue()));
        data.put("sequence_number", sequence++);
        return Buffer.buffer("event: " + type + "\ndata: " + data.encode() + "\n\n");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
