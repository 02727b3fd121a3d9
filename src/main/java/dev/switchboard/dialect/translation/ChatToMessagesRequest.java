package dev.switchboard.dialect.translation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A Chat Completions request as an Anthropic Messages request, so a chat caller can be served by an Anthropic-dialect
 * provider.
 *
 * <p>System and developer messages join into {@code system}. Tool messages become {@code tool_result} blocks of a user
 * turn; an assistant's {@code tool_calls} become {@code tool_use} blocks. Consecutive messages of one role merge into
 * one turn, as Anthropic wants turns to alternate. {@code max_tokens}, which Anthropic requires, defaults to
 * {@value #DEFAULT_MAX_TOKENS}; {@code temperature} is capped at 1, Anthropic's maximum.
 */
final class ChatToMessagesRequest {

    /** The answer length asked for when a chat caller gives none; Anthropic requires one. */
    static final int DEFAULT_MAX_TOKENS = 4096;

    private ChatToMessagesRequest() {
    }

    static ObjectNode convert(ObjectNode in, String model, boolean stream) {
        if (in.path("n").asInt(1) != 1) {
            throw new UntranslatableRequest("n other than 1 cannot be sent to an anthropic upstream", "n");
        }
        ObjectNode out = Trees.object();
        out.put("model", model);
        StringBuilder system = new StringBuilder();
        ArrayNode turns = Trees.array();
        for (JsonNode message : in.path("messages")) {
            String role = Trees.text(message.get("role"));
            switch (role) {
                case "system", "developer" -> system.append(system.isEmpty() ? "" : "\n\n")
                        .append(Trees.contentText(message.get("content"), "\n"));
                case "user" -> append(turns, "user", userBlocks(message.get("content")));
                case "assistant" -> append(turns, "assistant", assistantBlocks(message));
                case "tool" -> append(turns, "user", Trees.array().add(Trees.object().put("type", "tool_result")
                        .put("tool_use_id", Trees.text(message.get("tool_call_id")))
                        .put("content", Trees.contentText(message.get("content"), "\n"))));
                default -> throw new UntranslatableRequest("messages of role '" + role + "' cannot be sent to an"
                        + " anthropic upstream", "messages");
            }
        }
        if (!system.isEmpty()) {
            out.put("system", system.toString());
        }
        out.set("messages", turns);
        JsonNode maxTokens = in.hasNonNull("max_completion_tokens") ? in.get("max_completion_tokens")
                : in.get("max_tokens");
        out.put("max_tokens", maxTokens != null && maxTokens.canConvertToInt() ? maxTokens.asInt() : DEFAULT_MAX_TOKENS);
        JsonNode stop = in.get("stop");
        if (stop != null && stop.isTextual()) {
            out.putArray("stop_sequences").add(stop.textValue());
        } else if (stop != null && stop.isArray()) {
            out.set("stop_sequences", stop);
        }
        if (in.path("temperature").isNumber()) {
            out.put("temperature", Math.min(1.0, in.get("temperature").asDouble()));
        }
        Trees.copy(in, "top_p", out, "top_p");
        Trees.copy(in, "top_k", out, "top_k");
        if (in.path("user").isTextual()) {
            out.putObject("metadata").put("user_id", in.get("user").textValue());
        }
        tools(in, out);
        JsonNode format = in.path("response_format");
        switch (Trees.text(format.get("type"))) {
            case "json_schema" -> out.putObject("output_config").putObject("format").put("type", "json_schema")
                    .set("schema", format.path("json_schema").path("schema"));
            case "json_object" -> throw new UntranslatableRequest("response_format json_object has no anthropic"
                    + " equivalent; give a json_schema instead", "response_format");
            default -> { }
        }
        if (stream) {
            out.put("stream", true);
        }
        return out;
    }

    /** Adds blocks as a turn of {@code role}, merged into the previous turn when that has the same role. */
    private static void append(ArrayNode turns, String role, ArrayNode blocks) {
        if (blocks.isEmpty()) {
            return;
        }
        JsonNode last = turns.isEmpty() ? null : turns.get(turns.size() - 1);
        if (last != null && role.equals(Trees.text(last.get("role")))) {
            ((ArrayNode) last.get("content")).addAll(blocks);
        } else {
            turns.addObject().put("role", role).set("content", blocks);
        }
    }

    private static ArrayNode userBlocks(JsonNode content) {
        ArrayNode blocks = Trees.array();
        if (content == null || content.isTextual()) {
            String text = Trees.text(content);
            if (!text.isEmpty()) {
                blocks.addObject().put("type", "text").put("text", text);
            }
            return blocks;
        }
        for (JsonNode part : content) {
            String type = Trees.text(part.get("type"));
            switch (type) {
                case "text" -> blocks.addObject().put("type", "text").put("text", Trees.text(part.get("text")));
                case "image_url" -> blocks.add(image(part.get("image_url")));
                default -> throw new UntranslatableRequest("content parts of type '" + type + "' cannot be sent to an"
                        + " anthropic upstream", "messages");
            }
        }
        return blocks;
    }

    private static ArrayNode assistantBlocks(JsonNode message) {
        ArrayNode blocks = Trees.array();
        String text = Trees.contentText(message.get("content"), "");
        if (!text.isEmpty()) {
            blocks.addObject().put("type", "text").put("text", text);
        }
        for (JsonNode call : message.path("tool_calls")) {
            blocks.addObject().put("type", "tool_use").put("id", Trees.text(call.get("id")))
                    .put("name", Trees.text(call.path("function").get("name")))
                    .set("input", Trees.arguments(Trees.text(call.path("function").get("arguments"))));
        }
        return blocks;
    }

    /** An image_url (a URL, or a data URL) as an image block with a url or base64 source. */
    private static ObjectNode image(JsonNode imageUrl) {
        String url = imageUrl != null && imageUrl.isTextual() ? imageUrl.textValue() : Trees.text(imageUrl == null
                ? null : imageUrl.get("url"));
        ObjectNode block = Trees.object().put("type", "image");
        ObjectNode source = block.putObject("source");
        int comma = url.indexOf(',');
        if (url.startsWith("data:") && comma > 0 && url.substring(0, comma).endsWith(";base64")) {
            source.put("type", "base64").put("media_type", url.substring(5, comma - 7)).put("data",
                    url.substring(comma + 1));
        } else {
            source.put("type", "url").put("url", url);
        }
        return block;
    }

    private static void tools(JsonNode in, ObjectNode out) {
        JsonNode tools = in.path("tools");
        if (!tools.isArray() || tools.isEmpty()) {
            return;
        }
        ArrayNode converted = out.putArray("tools");
        for (JsonNode tool : tools) {
            JsonNode function = tool.path("function");
            if (!"function".equals(Trees.text(tool.get("type"))) || !function.isObject()) {
                throw new UntranslatableRequest("only function tools can be sent to an anthropic upstream", "tools");
            }
            ObjectNode converting = converted.addObject().put("name", Trees.text(function.get("name")));
            Trees.copy(function, "description", converting, "description");
            converting.set("input_schema", function.path("parameters").isObject() ? function.get("parameters")
                    : Trees.object().put("type", "object"));
        }
        JsonNode choice = in.get("tool_choice");
        ObjectNode converting = Trees.object();
        if (choice != null && choice.isTextual()) {
            converting.put("type", switch (choice.textValue()) {
                case "required" -> "any";
                case "none" -> "none";
                default -> "auto";
            });
        } else if (choice != null && choice.isObject()) {
            converting.put("type", "tool").put("name", Trees.text(choice.path("function").get("name")));
        }
        if (in.path("parallel_tool_calls").isBoolean() && !in.get("parallel_tool_calls").booleanValue()) {
            if (!converting.has("type")) {
                converting.put("type", "auto");
            }
            converting.put("disable_parallel_tool_use", true);
        }
        if (converting.has("type")) {
            out.set("tool_choice", converting);
        }
    }
}
