package dev.switchboard.dialect;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/**
 * A rough count of a request's input tokens, for Anthropic's {@code count_tokens}, which the router answers itself:
 * about four characters of text per token, and a fixed count per image (Anthropic's cost of an image near its size
 * limit), so that base64 image data does not count as text.
 */
public final class TokenEstimate {

    /** Tokens counted per image: about what Anthropic charges for an image of about 1.15 megapixels. */
    static final long TOKENS_PER_IMAGE = 1600;
    private static final int CHARS_PER_TOKEN = 4;

    private TokenEstimate() {
    }

    /** The estimated input tokens of an Anthropic Messages request: its system prompt, messages and tools. */
    public static long anthropicInput(JsonBody body, int images) {
        long chars = 0;
        for (String field : new String[] {"system", "messages", "tools"}) {
            JsonNode value = body.tree(field);
            if (value != null) {
                chars += chars(value);
            }
        }
        return Math.max(1, (chars + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN) + images * TOKENS_PER_IMAGE;
    }

    /** The characters of every string below {@code node}, and its field names, except image data. */
    private static long chars(JsonNode node) {
        if (node.isTextual()) {
            String text = node.textValue();
            return text.regionMatches(true, 0, "data:", 0, 5) ? 0 : text.length();
        }
        if (!node.isContainerNode() || "base64".equals(node.path("type").asText(null))) {
            return node.isNumber() || node.isBoolean() ? node.asText().length() : 0;
        }
        long chars = 0;
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                chars += field.getKey().length() + chars(field.getValue());
            }
        } else {
            for (JsonNode child : node) {
                chars += chars(child);
            }
        }
        return chars;
    }
}
