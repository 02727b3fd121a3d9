package dev.switchboard.dialect;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What a request uses that decides which targets may serve it: tools, images (and where they come from), structured
 * output, and anything only its own dialect can carry. Read from the located body: only the few fields involved are
 * parsed, and the messages only when the body mentions images at all.
 *
 * @param tools            whether the request offers tools
 * @param imageSources     one entry per image: {@link #INLINE} for data carried in the request (a data URL, base64),
 *                         {@link #STORED} for a file stored upstream, else the URL the upstream would fetch
 * @param structuredOutput whether the request asks for JSON output ({@code response_format}, {@code text.format},
 *                         Anthropic's {@code output_config.format})
 * @param ownDialectOnly   what in the request no translation can carry (a hosted tool, stored state), or null
 */
public record RequestFeatures(boolean tools, List<String> imageSources, boolean structuredOutput,
                              String ownDialectOnly) {

    /** The source of an image whose data is in the request itself. */
    public static final String INLINE = "data:";
    /** The source of an image stored upstream and named by id: nothing is fetched by URL. */
    public static final String STORED = "";

    private static final byte[] IMAGE = "image".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_URL = 2048;

    public int imageCount() {
        return imageSources.size();
    }

    public static RequestFeatures of(Dialect dialect, JsonBody body) {
        boolean tools = nonEmptyArray(body, "tools");
        List<String> images = indexOf(body.bytes(), IMAGE) < 0 ? List.of() : images(dialect, body);
        return switch (dialect) {
            case OPENAI_CHAT -> new RequestFeatures(tools, images,
                    body.has("response_format") && isJsonFormat(body.tree("response_format")), null);
            case OPENAI_RESPONSES -> new RequestFeatures(tools, images,
                    body.has("text") && isJsonFormat(body.tree("text").path("format")), responsesOnly(body, tools));
            case ANTHROPIC -> new RequestFeatures(tools, images, anthropicFormat(body), anthropicOnly(body, tools));
        };
    }

    private static boolean isJsonFormat(JsonNode format) {
        String type = format.path("type").asText("");
        return type.equals("json_schema") || type.equals("json_object");
    }

    private static boolean anthropicFormat(JsonBody body) {
        return (body.has("output_config") && body.tree("output_config").path("format").isObject())
                || (body.has("output_format") && body.tree("output_format").isObject());
    }

    private static String responsesOnly(JsonBody body, boolean tools) {
        if (body.has("previous_response_id") && body.span("previous_response_id").token() != JsonToken.VALUE_NULL) {
            return "previous_response_id";
        }
        if (body.has("conversation") && body.span("conversation").token() != JsonToken.VALUE_NULL) {
            return "a stored conversation";
        }
        if (tools) {
            for (JsonNode tool : body.tree("tools")) {
                String type = tool.path("type").asText("");
                if (!type.equals("function")) {
                    return "the built-in tool '" + type + "'";
                }
            }
        }
        return null;
    }

    private static String anthropicOnly(JsonBody body, boolean tools) {
        if (body.has("mcp_servers")) {
            return "mcp_servers";
        }
        if (body.has("container")) {
            return "container";
        }
        if (tools) {
            for (JsonNode tool : body.tree("tools")) {
                String type = tool.path("type").asText("custom");
                if (!type.equals("custom")) {
                    return "the server tool '" + type + "'";
                }
            }
        }
        return null;
    }

    private static List<String> images(Dialect dialect, JsonBody body) {
        List<String> sources = new ArrayList<>(2);
        JsonNode root = body.tree(dialect == Dialect.OPENAI_RESPONSES ? "input" : "messages");
        if (root != null) {
            collect(root, sources);
        }
        return List.copyOf(sources);
    }

    /** Walks content for image parts of every dialect: {@code image_url}, {@code input_image}, {@code image}. */
    private static void collect(JsonNode node, List<String> sources) {
        if (node.isArray()) {
            for (JsonNode child : node) {
                collect(child, sources);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        switch (node.path("type").asText("")) {
            case "image_url" -> {
                JsonNode url = node.path("image_url");
                sources.add(source(url.isTextual() ? url.textValue() : url.path("url").asText("")));
                return;
            }
            case "input_image" -> {
                String url = node.path("image_url").asText("");
                sources.add(url.isEmpty() ? STORED : source(url));
                return;
            }
            case "image" -> {
                JsonNode source = node.path("source");
                sources.add(switch (source.path("type").asText("")) {
                    case "base64" -> INLINE;
                    case "url" -> source(source.path("url").asText(""));
                    default -> STORED;
                });
                return;
            }
            default -> node.elements().forEachRemaining(child -> collect(child, sources));
        }
    }

    private static String source(String url) {
        if (url.regionMatches(true, 0, "data:", 0, 5)) {
            return INLINE;
        }
        return url.length() > MAX_URL ? url.substring(0, MAX_URL) : url;
    }

    private static boolean nonEmptyArray(JsonBody body, String field) {
        JsonBody.Span span = body.span(field);
        if (span == null || span.token() != JsonToken.START_ARRAY) {
            return false;
        }
        byte[] bytes = body.bytes();
        for (int i = span.start() + 1; i < span.end() - 1; i++) {
            if (!Character.isWhitespace(bytes[i])) {
                return true;
            }
        }
        return false;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        int last = haystack.length - needle.length;
        outer:
        for (int i = 0; i <= last; i++) {
            if (haystack[i] != needle[0]) {
                continue;
            }
            for (int j = 1; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
