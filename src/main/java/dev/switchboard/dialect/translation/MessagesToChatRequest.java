package dev.switchboard.dialect.translation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.StringJoiner;

/**
 * An Anthropic Messages request as a Chat Completions request.
 *
 * <p>{@code system} becomes the first, system message. A user turn's {@code tool_result} blocks become {@code tool}
 * messages (Chat wants them right after the assistant's calls), followed by a user message with the turn's other
 * blocks; an assistant turn's {@code tool_use} blocks become its {@code tool_calls}. Images become {@code image_url}
 * parts (base64 as a data URL). Thinking blocks and {@code cache_control} are dropped.
 */
final class MessagesToChatRequest {

    private MessagesToChatRequest() {
    }

    static ObjectNode convert(ObjectNode in, String model, boolean stream) {
        ObjectNode out = Trees.object();
        out.put("model", model);
        ArrayNode messages = out.putArray("messages");
        String system = Trees.contentText(in.get("system"), "\n");
        if (!system.isEmpty()) {
            messages.addObject().put("role", "system").put("content", system);
        }
        JsonNode turns = in.path("messages");
        if (!turns.isArray()) {
            throw new UntranslatableRequest("'messages' must be an array of messages", "messages");
        }
        for (JsonNode turn : turns) {
            String role = Trees.text(turn.get("role"));
            switch (role) {
                case "user" -> user(turn.get("content"), messages);
                case "assistant" -> messages.add(assistant(turn.get("content")));
                case "system" -> messages.addObject().put("role", "system")
                        .put("content", Trees.contentText(turn.get("content"), "\n"));
                default -> throw new UntranslatableRequest("a message's role must be 'user', 'assistant' or"
                        + " 'system', got '" + role + "'", "messages");
            }
        }
        Trees.copy(in, "max_tokens", out, "max_tokens");
        Trees.copy(in, "temperature", out, "temperature");
        Trees.copy(in, "top_p", out, "top_p");
        Trees.copy(in, "top_k", out, "top_k");
        Trees.copy(in, "stop_sequences", out, "stop");
        Trees.copy(in.path("metadata"), "user_id", out, "user");
        tools(in, out);
        JsonNode format = in.path("output_config").path("format");
        if (!format.isObject()) {
            format = in.path("output_format"); // the beta spelling
        }
        if ("json_schema".equals(Trees.text(format.get("type")))) {
            ObjectNode schema = out.putObject("response_format").put("type", "json_schema").putObject("json_schema");
            schema.put("name", "output").set("schema", format.path("schema"));
            schema.put("strict", true);
        }
        if (stream) {
            out.put("stream", true);
            out.putObject("stream_options").put("include_usage", true);
        }
        return out;
    }

    private static void user(JsonNode content, ArrayNode messages) {
        if (content == null || content.isTextual()) {
            messages.addObject().put("role", "user").put("content", Trees.text(content));
            return;
        }
        ArrayNode parts = Trees.array();
        for (JsonNode block : content) {
            String type = Trees.text(block.get("type"));
            switch (type) {
                case "text" -> parts.addObject().put("type", "text").put("text", Trees.text(block.get("text")));
                case "image" -> parts.add(image(block));
                case "tool_result" -> messages.add(toolResult(block, parts));
                default -> throw unsupportedBlock(type);
            }
        }
        if (parts.isEmpty()) {
            return;
        }
        ObjectNode message = messages.addObject().put("role", "user");
        if (parts.size() == 1 && parts.get(0).has("text")) {
            message.set("content", parts.get(0).get("text"));
        } else {
            message.set("content", parts);
        }
    }

    /**
     * A tool message for a tool_result block. Chat tool messages carry text only, so images in the result join the
     * user message that follows ({@code parts}). An error result is marked in its text, since Chat has no flag for it.
     */
    private static ObjectNode toolResult(JsonNode block, ArrayNode parts) {
        JsonNode content = block.get("content");
        StringJoiner text = new StringJoiner("\n", block.path("is_error").asBoolean(false) ? "Error: " : "", "");
        if (content != null && content.isArray()) {
            for (JsonNode part : content) {
                String type = Trees.text(part.get("type"));
                switch (type) {
                    case "text" -> text.add(Trees.text(part.get("text")));
                    case "image" -> parts.add(image(part));
                    default -> throw unsupportedBlock(type);
                }
            }
        } else {
            text.add(Trees.text(content));
        }
        return Trees.object().put("role", "tool").put("tool_call_id", Trees.text(block.get("tool_use_id")))
                .put("content", text.toString());
    }

    private static ObjectNode assistant(JsonNode content) {
        ObjectNode message = Trees.object().put("role", "assistant");
        if (content == null || content.isTextual()) {
            return message.put("content", Trees.text(content));
        }
        StringBuilder text = new StringBuilder();
        ArrayNode calls = Trees.array();
        for (JsonNode block : content) {
            String type = Trees.text(block.get("type"));
            switch (type) {
                case "text" -> text.append(Trees.text(block.get("text")));
                case "tool_use" -> calls.add(ChatParts.toolCall(Trees.text(block.get("id")),
                        Trees.text(block.get("name")), Trees.string(block.path("input").isObject() ? block.get("input")
                                : Trees.object())));
                case "thinking", "redacted_thinking" -> { } // Chat has no way to hand them back
                default -> throw unsupportedBlock(type);
            }
        }
        if (!text.isEmpty() || calls.isEmpty()) {
            message.put("content", text.toString());
        } else {
            message.putNull("content");
        }
        if (!calls.isEmpty()) {
            message.set("tool_calls", calls);
        }
        return message;
    }

    private static ObjectNode image(JsonNode block) {
        JsonNode source = block.path("source");
        String url = switch (Trees.text(source.get("type"))) {
            case "base64" -> "data:" + Trees.text(source.get("media_type")) + ";base64," + Trees.text(source.get("data"));
            case "url" -> Trees.text(source.get("url"));
            default -> throw new UntranslatableRequest("an image source of type '" + Trees.text(source.get("type"))
                    + "' cannot be sent to an openai-chat upstream; send base64 data or a URL", "messages");
        };
        return ChatParts.imagePart(url, null);
    }

    private static void tools(JsonNode in, ObjectNode out) {
        JsonNode tools = in.path("tools");
        if (!tools.isArray() || tools.isEmpty()) {
            return;
        }
        ArrayNode converted = out.putArray("tools");
        for (JsonNode tool : tools) {
            String type = Trees.text(tool.get("type"));
            if (!type.isEmpty() && !type.equals("custom")) {
                throw new UntranslatableRequest("the tool '" + Trees.text(tool.get("name")) + "' is Anthropic's built-in"
                        + " type '" + type + "', which an openai-chat upstream cannot run", "tools");
            }
            converted.add(ChatParts.functionTool(tool, "input_schema"));
        }
        JsonNode choice = in.path("tool_choice");
        switch (Trees.text(choice.get("type"))) {
            case "auto" -> out.put("tool_choice", "auto");
            case "any" -> out.put("tool_choice", "required");
            case "none" -> out.put("tool_choice", "none");
            case "tool" -> out.set("tool_choice", ChatParts.namedChoice(Trees.text(choice.get("name"))));
            default -> { }
        }
        if (choice.path("disable_parallel_tool_use").asBoolean(false)) {
            out.put("parallel_tool_calls", false);
        }
    }

    private static UntranslatableRequest unsupportedBlock(String type) {
        return new UntranslatableRequest("content blocks of type '" + type + "' cannot be sent to an openai-chat"
                + " upstream", "messages");
    }
}
