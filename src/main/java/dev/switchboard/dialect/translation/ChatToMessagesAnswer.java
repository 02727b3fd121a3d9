package dev.switchboard.dialect.translation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A Chat Completions answer as an Anthropic message: the text as one text block, each tool call as a
 * {@code tool_use} block (its arguments parsed into {@code input}), the finish reason as a stop reason, and the usage
 * with the cached prompt tokens counted apart, as Anthropic does.
 */
final class ChatToMessagesAnswer {

    private ChatToMessagesAnswer() {
    }

    static ObjectNode convert(JsonNode completion, CallerRequest request) {
        JsonNode choice = completion.path("choices").path(0);
        JsonNode message = choice.path("message");
        ArrayNode content = Trees.array();
        String text = Trees.contentText(message.get("content"), "");
        if (!text.isEmpty()) {
            content.addObject().put("type", "text").put("text", text);
        }
        for (JsonNode call : message.path("tool_calls")) {
            content.addObject().put("type", "tool_use").put("id", Trees.text(call.get("id")))
                    .put("name", Trees.text(call.path("function").get("name")))
                    .set("input", Trees.arguments(Trees.text(call.path("function").get("arguments"))));
        }
        String stopSequence = stopSequence(choice, request);
        String stopReason = stopSequence != null ? "stop_sequence"
                : stopReason(Trees.text(choice.get("finish_reason")), !message.path("tool_calls").isEmpty());
        return AnthropicEvents.message("msg_" + Trees.text(completion.get("id")), Trees.text(completion.get("model")),
                content, stopReason, stopSequence, usage(completion.get("usage")));
    }

    /** Chat's finish reason as Anthropic's stop reason. */
    static String stopReason(String finishReason, boolean calledTools) {
        return switch (finishReason) {
            case "length" -> "max_tokens";
            case "tool_calls", "function_call" -> "tool_use";
            case "content_filter" -> "refusal";
            default -> calledTools ? "tool_use" : "end_turn";
        };
    }

    /**
     * The stop sequence that ended the answer, or null. Chat does not say which one matched; vLLM and SGLang do, in
     * the choice's {@code stop_reason}, which counts when the caller gave stop sequences.
     */
    static String stopSequence(JsonNode choice, CallerRequest request) {
        JsonNode matched = choice.get("stop_reason");
        if (!"stop".equals(Trees.text(choice.get("finish_reason"))) || matched == null || !matched.isTextual()) {
            return null;
        }
        for (JsonNode given : request.tree().path("stop_sequences")) {
            if (matched.textValue().equals(given.asText())) {
                return matched.textValue();
            }
        }
        return null;
    }

    /** Chat's usage in Anthropic's shape, where {@code input_tokens} leaves out what was read from the cache. */
    static ObjectNode usage(JsonNode usage) {
        long prompt = usage == null ? 0 : usage.path("prompt_tokens").asLong();
        long cached = usage == null ? 0 : usage.path("prompt_tokens_details").path("cached_tokens").asLong();
        return Trees.object().put("input_tokens", prompt - cached).put("cache_creation_input_tokens", 0)
                .put("cache_read_input_tokens", cached)
                .put("output_tokens", usage == null ? 0 : usage.path("completion_tokens").asLong());
    }
}
