package dev.switchboard.dialect.translation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An Anthropic message as a Chat Completions answer: text blocks joined into {@code content}, {@code tool_use} blocks
 * as {@code tool_calls}, thinking as {@code reasoning_content} (vLLM's name), the stop reason as a finish reason, and
 * the usage with the cache reads and writes counted back into the prompt.
 */
final class MessagesToChatAnswer {

    private MessagesToChatAnswer() {
    }

    static ObjectNode convert(JsonNode message) {
        StringBuilder text = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        ArrayNode calls = Trees.array();
        for (JsonNode block : message.path("content")) {
            switch (Trees.text(block.get("type"))) {
                case "text" -> text.append(Trees.text(block.get("text")));
                case "thinking" -> reasoning.append(Trees.text(block.get("thinking")));
                case "tool_use" -> calls.add(ChatParts.toolCall(Trees.text(block.get("id")),
                        Trees.text(block.get("name")), Trees.string(block.path("input").isObject() ? block.get("input")
                                : Trees.object())));
                default -> { } // server tool blocks, redacted thinking: nothing a chat caller can read
            }
        }
        ObjectNode completion = Trees.object().put("id", "chatcmpl-" + Trees.text(message.get("id")))
                .put("object", "chat.completion").put("created", Trees.now()).put("model", Trees.text(message.get("model")));
        ObjectNode choice = completion.putArray("choices").addObject().put("index", 0);
        ObjectNode answer = choice.putObject("message").put("role", "assistant");
        if (!text.isEmpty() || calls.isEmpty()) {
            answer.put("content", text.toString());
        } else {
            answer.putNull("content");
        }
        if (!reasoning.isEmpty()) {
            answer.put("reasoning_content", reasoning.toString());
        }
        if (!calls.isEmpty()) {
            answer.set("tool_calls", calls);
        }
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason(Trees.text(message.get("stop_reason"))));
        completion.set("usage", usage(message.get("usage")));
        return completion;
    }

    /** Anthropic's stop reason as Chat's finish reason. */
    static String finishReason(String stopReason) {
        return switch (stopReason) {
            case "max_tokens", "model_context_window_exceeded" -> "length";
            case "tool_use" -> "tool_calls";
            case "refusal" -> "content_filter";
            default -> "stop";
        };
    }

    /** Anthropic's usage in Chat's shape: the prompt counts every input token, cached ones included. */
    static ObjectNode usage(JsonNode usage) {
        long cacheRead = usage == null ? 0 : usage.path("cache_read_input_tokens").asLong();
        long prompt = usage == null ? 0 : usage.path("input_tokens").asLong() + cacheRead
                + usage.path("cache_creation_input_tokens").asLong();
        long completion = usage == null ? 0 : usage.path("output_tokens").asLong();
        ObjectNode chat = Trees.object().put("prompt_tokens", prompt).put("completion_tokens", completion)
                .put("total_tokens", prompt + completion);
        chat.putObject("prompt_tokens_details").put("cached_tokens", cacheRead);
        return chat;
    }
}
