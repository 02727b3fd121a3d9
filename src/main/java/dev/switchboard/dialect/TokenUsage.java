package dev.switchboard.dialect;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Token counts of one answer.
 *
 * @param reported true when the upstream reported them; false when the router estimated them
 */
public record TokenUsage(long promptTokens, long completionTokens, long cachedTokens, long imageTokens,
                         boolean reported) {

    /** Reads an OpenAI Chat Completions {@code usage} object; null when there is none. */
    public static TokenUsage fromOpenAi(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return null;
        }
        JsonNode details = usage.path("prompt_tokens_details");
        return new TokenUsage(usage.path("prompt_tokens").asLong(), usage.path("completion_tokens").asLong(),
                details.path("cached_tokens").asLong(), details.path("image_tokens").asLong(), true);
    }

    /** A rough count for when the upstream reports none: about four bytes of text per token. */
    public static TokenUsage estimate(long promptBytes, long completionTokens) {
        return new TokenUsage(Math.max(1, promptBytes / 4), completionTokens, 0, 0, false);
    }
}
