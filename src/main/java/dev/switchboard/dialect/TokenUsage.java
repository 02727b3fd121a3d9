package dev.switchboard.dialect;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Token counts of one answer, the same whatever dialect reported them: {@code promptTokens} counts every input token,
 * those read from the upstream's prefix cache included ({@code cachedTokens} says how many were).
 *
 * @param reported true when the upstream reported them; false when the router estimated them
 */
public record TokenUsage(long promptTokens, long completionTokens, long cachedTokens, long imageTokens,
                         boolean reported) {

    /** Reads a {@code usage} object in {@code dialect}'s shape; null when there is none. */
    public static TokenUsage of(Dialect dialect, JsonNode usage) {
        return switch (dialect) {
            case OPENAI_CHAT -> fromOpenAi(usage);
            case OPENAI_RESPONSES -> fromResponses(usage);
            case ANTHROPIC -> fromAnthropic(usage);
        };
    }

    /** Reads an OpenAI Chat Completions {@code usage} object; null when there is none. */
    public static TokenUsage fromOpenAi(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return null;
        }
        JsonNode details = usage.path("prompt_tokens_details");
        return new TokenUsage(usage.path("prompt_tokens").asLong(), usage.path("completion_tokens").asLong(),
                details.path("cached_tokens").asLong(), details.path("image_tokens").asLong(), true);
    }

    /** Reads an OpenAI Responses {@code usage} object; null when there is none. */
    public static TokenUsage fromResponses(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return null;
        }
        return new TokenUsage(usage.path("input_tokens").asLong(), usage.path("output_tokens").asLong(),
                usage.path("input_tokens_details").path("cached_tokens").asLong(), 0, true);
    }

    /**
     * Reads an Anthropic {@code usage} object; null when there is none. Anthropic's {@code input_tokens} leaves out
     * the tokens read from or written to its cache, so they are added back here.
     */
    public static TokenUsage fromAnthropic(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return null;
        }
        long cacheRead = usage.path("cache_read_input_tokens").asLong();
        long prompt = usage.path("input_tokens").asLong() + cacheRead
                + usage.path("cache_creation_input_tokens").asLong();
        return new TokenUsage(prompt, usage.path("output_tokens").asLong(), cacheRead, 0, true);
    }

    /** A rough count for when the upstream reports none: about four bytes of text per token. */
    public static TokenUsage estimate(long promptBytes, long completionTokens) {
        return new TokenUsage(Math.max(1, promptBytes / 4), completionTokens, 0, 0, false);
    }
}
