package dev.switchboard.dialect.translation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;

/** OpenAI Responses objects, and the stream events of one response, each numbered in order. */
final class ResponsesEvents {

    private int sequence;

    /** One event: its {@code type}, the given fields, and its {@code sequence_number}. */
    Buffer event(String type, ObjectNode fields) {
        ObjectNode data = Trees.object().put("type", type);
        data.setAll(fields);
        data.put("sequence_number", sequence++);
        return SseEvent.named(type, data);
    }

    /** {@code {"response": response}}, the body of the lifecycle events. */
    static ObjectNode wrapping(ObjectNode response) {
        ObjectNode fields = Trees.object();
        fields.set("response", response);
        return fields;
    }

    /** {@code {"output_index": i, "item": item}}, the body of the output item events. */
    static ObjectNode item(int outputIndex, ObjectNode item) {
        ObjectNode fields = Trees.object().put("output_index", outputIndex);
        fields.set("item", item);
        return fields;
    }

    /** An assistant message output item holding one text part (none while in progress). */
    static ObjectNode messageItem(String id, String text, boolean done) {
        ObjectNode item = Trees.object().put("type", "message").put("id", id)
                .put("status", done ? "completed" : "in_progress").put("role", "assistant");
        ArrayNode content = item.putArray("content");
        if (done) {
            content.add(textPart(text));
        }
        return item;
    }

    static ObjectNode textPart(String text) {
        ObjectNode part = Trees.object().put("type", "output_text").put("text", text);
        part.putArray("annotations");
        return part;
    }

    static ObjectNode functionCallItem(String id, String callId, String name, String arguments, boolean done) {
        return Trees.object().put("type", "function_call").put("id", id).put("call_id", callId).put("name", name)
                .put("arguments", arguments).put("status", done ? "completed" : "in_progress");
    }

    /**
     * A response object. The fields a response repeats from its request (instructions, tools, sampling ...) are
     * taken from the caller's request, with the API's defaults where it left them out.
     *
     * @param incompleteReason why an {@code incomplete} response stopped, else null
     * @param usage            null while in progress
     */
    static ObjectNode response(JsonNode request, String id, long createdAt, String model, String status,
                               String incompleteReason, ArrayNode output, ObjectNode usage) {
        ObjectNode response = Trees.object().put("id", id).put("object", "response").put("created_at", createdAt)
                .put("status", status);
        response.putNull("error");
        if (incompleteReason != null) {
            response.putObject("incomplete_details").put("reason", incompleteReason);
        } else {
            response.putNull("incomplete_details");
        }
        response.set("instructions", request.path("instructions").isMissingNode() ? null : request.get("instructions"));
        response.set("max_output_tokens", request.get("max_output_tokens"));
        response.put("model", model);
        response.set("output", output);
        response.put("parallel_tool_calls", request.path("parallel_tool_calls").asBoolean(true));
        response.set("previous_response_id", null);
        response.put("temperature", request.path("temperature").asDouble(1.0));
        response.put("top_p", request.path("top_p").asDouble(1.0));
        response.set("tool_choice", request.hasNonNull("tool_choice") ? request.get("tool_choice")
                : Trees.MAPPER.getNodeFactory().textNode("auto"));
        response.set("tools", request.path("tools").isArray() ? request.get("tools") : Trees.array());
        response.set("text", request.path("text").isObject() ? request.get("text")
                : Trees.object().set("format", Trees.object().put("type", "text")));
        response.set("metadata", request.path("metadata").isObject() ? request.get("metadata") : Trees.object());
        response.set("usage", usage);
        return response;
    }

    /** Chat's usage in the Responses shape. */
    static ObjectNode usage(JsonNode chat) {
        ObjectNode usage = Trees.object();
        long input = chat == null ? 0 : chat.path("prompt_tokens").asLong();
        long output = chat == null ? 0 : chat.path("completion_tokens").asLong();
        usage.put("input_tokens", input);
        usage.putObject("input_tokens_details").put("cached_tokens",
                chat == null ? 0 : chat.path("prompt_tokens_details").path("cached_tokens").asLong());
        usage.put("output_tokens", output);
        usage.putObject("output_tokens_details").put("reasoning_tokens",
                chat == null ? 0 : chat.path("completion_tokens_details").path("reasoning_tokens").asLong());
        usage.put("total_tokens", input + output);
        return usage;
    }

    /** A response's status for Chat's finish reason. */
    static String status(String finishReason) {
        return incompleteReason(finishReason) == null ? "completed" : "incomplete";
    }

    /** Why a response is incomplete for Chat's finish reason, or null when it is complete. */
    static String incompleteReason(String finishReason) {
        return switch (finishReason) {
            case "length" -> "max_output_tokens";
            case "content_filter" -> "content_filter";
            default -> null;
        };
    }
}
