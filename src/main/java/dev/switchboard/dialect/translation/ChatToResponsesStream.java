package dev.switchboard.dialect.translation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.dialect.Dialect;

import java.util.HashMap;
import java.util.Map;

/**
 * A Chat Completions stream as an OpenAI Responses stream: {@code response.created} and {@code response.in_progress}
 * at the first chunk; text in a message item ({@code output_item.added}, {@code content_part.added},
 * {@code output_text.delta}s, then the {@code .done} events); each tool call in a {@code function_call} item with
 * {@code function_call_arguments.delta}s; an item is done when the next one opens; at {@code [DONE]},
 * {@code response.completed} (or {@code response.incomplete}) with every item and the usage.
 */
final class ChatToResponsesStream extends FromChatStream {

    private final CallerRequest request;
    private final ResponsesEvents events = new ResponsesEvents();
    private final ArrayNode output = Trees.array();
    private final Map<Integer, Integer> toolItems = new HashMap<>(4); // Chat's tool-call index -> output index
    private String id;
    private long createdAt;
    private String model = "";
    private Open open;
    private String finishReason = "";

    /** The output item being streamed. */
    private static final class Open {
        final int outputIndex;
        final String itemId;
        final String callId;
        final String name;
        final StringBuilder text = new StringBuilder();

        Open(int outputIndex, String itemId, String callId, String name) {
            this.outputIndex = outputIndex;
            this.itemId = itemId;
            this.callId = callId;
            this.name = name;
        }
    }

    ChatToResponsesStream(CallerRequest request, StreamSink sink) {
        super(sink, Dialect.OPENAI_RESPONSES);
        this.request = request;
    }

    @Override
    protected void onText(String text) {
        if (open == null || open.callId != null) {
            openMessage();
        }
        open.text.append(text);
        sink.write(events.event("response.output_text.delta", Trees.object().put("item_id", open.itemId)
                .put("output_index", open.outputIndex).put("content_index", 0).put("delta", text)
                .set("logprobs", Trees.array())));
    }

    @Override
    protected void onToolCall(int index, JsonNode call) {
        if (!toolItems.containsKey(index)) {
            close();
            String callId = Trees.text(call.get("id"));
            callId = callId.isEmpty() ? Trees.id("call_") : callId;
            open = new Open(output.size(), "fc_" + callId, callId, Trees.text(call.path("function").get("name")));
            toolItems.put(index, open.outputIndex);
            sink.write(events.event("response.output_item.added", ResponsesEvents.item(open.outputIndex,
                    ResponsesEvents.functionCallItem(open.itemId, callId, open.name, "", false))));
            output.addNull(); // its place, filled when the item is done
        }
        String arguments = Trees.text(call.path("function").get("arguments"));
        // arguments for a call whose item is already done cannot be streamed any more: Chat servers send calls in turn
        if (!arguments.isEmpty() && open != null && open.outputIndex == toolItems.get(index)) {
            open.text.append(arguments);
            sink.write(events.event("response.function_call_arguments.delta", Trees.object()
                    .put("item_id", open.itemId).put("output_index", open.outputIndex).put("delta", arguments)));
            sink.token();
        }
    }

    @Override
    protected void onFinishReason(JsonNode choice) {
        finishReason = Trees.text(choice.get("finish_reason"));
        close();
    }

    @Override
    protected void onEnd() {
        close();
        if (output.isEmpty()) {
            openMessage(); // an empty answer is still one (empty) message, as in a whole response
            close();
        }
        String status = ResponsesEvents.status(finishReason);
        sink.write(events.event(status.equals("completed") ? "response.completed" : "response.incomplete",
                ResponsesEvents.wrapping(response(status, ResponsesEvents.incompleteReason(finishReason), output,
                        ResponsesEvents.usage(usage)))));
    }

    @Override
    protected void onStart(JsonNode chunk) {
        String chunkId = Trees.text(chunk.get("id"));
        id = chunkId.isEmpty() ? Trees.id("resp_") : "resp_" + chunkId;
        createdAt = chunk.path("created").asLong(Trees.now());
        model = Trees.text(chunk.get("model"));
        ObjectNode started = response("in_progress", null, Trees.array(), null);
        sink.write(events.event("response.created", ResponsesEvents.wrapping(started)));
        sink.write(events.event("response.in_progress", ResponsesEvents.wrapping(started.deepCopy())));
    }

    private void openMessage() {
        close();
        open = new Open(output.size(), "msg_" + id.substring(5), null, null);
        output.addNull();
        sink.write(events.event("response.output_item.added", ResponsesEvents.item(open.outputIndex,
                ResponsesEvents.messageItem(open.itemId, "", false))));
        sink.write(events.event("response.content_part.added", part(ResponsesEvents.textPart(""))));
    }

    private void close() {
        if (open == null) {
            return;
        }
        String text = open.text.toString();
        ObjectNode item;
        if (open.callId == null) {
            sink.write(events.event("response.output_text.done", Trees.object().put("item_id", open.itemId)
                    .put("output_index", open.outputIndex).put("content_index", 0).put("text", text)
                    .set("logprobs", Trees.array())));
            sink.write(events.event("response.content_part.done", part(ResponsesEvents.textPart(text))));
            item = ResponsesEvents.messageItem(open.itemId, text, true);
        } else {
            sink.write(events.event("response.function_call_arguments.done", Trees.object()
                    .put("item_id", open.itemId).put("output_index", open.outputIndex).put("name", open.name)
                    .put("arguments", text)));
            item = ResponsesEvents.functionCallItem(open.itemId, open.callId, open.name, text, true);
        }
        output.set(open.outputIndex, item);
        sink.write(events.event("response.output_item.done", ResponsesEvents.item(open.outputIndex, item)));
        open = null;
    }

    private ObjectNode part(ObjectNode part) {
        ObjectNode fields = Trees.object().put("item_id", open.itemId).put("output_index", open.outputIndex)
                .put("content_index", 0);
        fields.set("part", part);
        return fields;
    }

    private ObjectNode response(String status, String incompleteReason, ArrayNode items, ObjectNode usage) {
        return ResponsesEvents.response(request.tree(), id, createdAt, model, status, incompleteReason, items.deepCopy(),
                usage);
    }
}
