package dev.switchboard.dialect.translation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Pieces of Chat Completions requests and answers that several translations build alike. */
final class ChatParts {

    private ChatParts() {
    }

    /** An {@code image_url} content part; {@code detail} is copied when given. */
    static ObjectNode imagePart(String url, JsonNode detail) {
        ObjectNode part = Trees.object().put("type", "image_url");
        ObjectNode imageUrl = part.putObject("image_url").put("url", url);
        if (detail != null && !detail.isNull()) {
            imageUrl.set("detail", detail);
        }
        return part;
    }

    /**
     * A function tool from a tool with a top-level {@code name}, {@code description} and {@code strict}, whose JSON
     * schema is in {@code schemaField} ({@code input_schema} for Anthropic, {@code parameters} for Responses).
     */
    static ObjectNode functionTool(JsonNode tool, String schemaField) {
        ObjectNode converted = Trees.object().put("type", "function");
        ObjectNode function = converted.putObject("function").put("name", Trees.text(tool.get("name")));
        Trees.copy(tool, "description", function, "description");
        function.set("parameters", tool.path(schemaField).isObject() ? tool.get(schemaField)
                : Trees.object().put("type", "object"));
        Trees.copy(tool, "strict", function, "strict");
        return converted;
    }

    /** One entry of an assistant message's {@code tool_calls}. */
    static ObjectNode toolCall(String id, String name, String arguments) {
        ObjectNode call = Trees.object().put("id", id).put("type", "function");
        call.putObject("function").put("name", name).put("arguments", arguments);
        return call;
    }

    /** Named {@code tool_choice}: {@code {"type":"function","function":{"name":...}}}. */
    static ObjectNode namedChoice(String name) {
        ObjectNode choice = Trees.object().put("type", "function");
        choice.putObject("function").put("name", name);
        return choice;
    }
}
