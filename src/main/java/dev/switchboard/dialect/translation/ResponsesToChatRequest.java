package dev.switchboard.dialect.translation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An OpenAI Responses request as a Chat Completions request.
 *
 * <p>{@code instructions} becomes the first, system message ({@code developer} messages become system messages too).
 * Input items map one by one: messages keep their role and parts ({@code input_image} as {@code image_url}),
 * consecutive {@code function_call} items join the assistant message before them as its {@code tool_calls}, and each
 * {@code function_call_output} becomes a {@code tool} message. Reasoning items are dropped; stored state
 * ({@code previous_response_id}, item references), hosted tools and file inputs cannot be carried and are refused.
 */
final class ResponsesToChatRequest {

    private ResponsesToChatRequest() {
    }

    static ObjectNode convert(ObjectNode in, String model, boolean stream) {
        if (in.hasNonNull("previous_response_id")) {
            throw new UntranslatableRequest("previous_response_id needs the conversation stored by an openai-responses"
                    + " server, and this model group's target speaks openai-chat; send the whole conversation in"
                    + " 'input' instead", "previous_response_id");
        }
        ObjectNode out = Trees.object();
        out.put("model", model);
        ArrayNode messages = out.putArray("messages");
        String instructions = Trees.text(in.get("instructions"));
        if (!instructions.isEmpty()) {
            messages.addObject().put("role", "system").put("content", instructions);
        }
        JsonNode input = in.get("input");
        if (input == null || input.isTextual()) {
            messages.addObject().put("role", "user").put("content", Trees.text(input));
        } else {
            items(input, messages);
        }
        Trees.copy(in, "max_output_tokens", out, "max_tokens");
        Trees.copy(in, "temperature", out, "temperature");
        Trees.copy(in, "top_p", out, "top_p");
        Trees.copy(in, "parallel_tool_calls", out, "parallel_tool_calls");
        Trees.copy(in, "user", out, "user");
        Trees.copy(in.path("reasoning"), "effort", out, "reasoning_effort");
        tools(in, out);
        JsonNode format = in.path("text").path("format");
        switch (Trees.text(format.get("type"))) {
            case "json_schema" -> {
                ObjectNode schema = out.putObject("response_format").put("type", "json_schema")
                        .putObject("json_schema");
                schema.put("name", format.path("name").asText("output"));
                Trees.copy(format, "description", schema, "description");
                Trees.copy(format, "schema", schema, "schema");
                Trees.copy(format, "strict", schema, "strict");
            }
            case "json_object" -> out.putObject("response_format").put("type", "json_object");
            default -> { }
        }
        if (stream) {
            out.put("stream", true);
            out.putObject("stream_options").put("include_usage", true);
        }
        return out;
    }

    private static void items(JsonNode input, ArrayNode messages) {
        ArrayNode images = Trees.array(); // from tool outputs; Chat takes them in a user message after the tool messages
        for (JsonNode item : input) {
            String type = item.hasNonNull("type") ? Trees.text(item.get("type")) : "message";
            if (!type.equals("function_call_output")) {
                flushImages(images, messages);
            }
            switch (type) {
                case "message" -> messages.add(message(item));
                case "function_call" -> functionCall(item, messages);
                case "function_call_output" -> messages.addObject().put("role", "tool")
                        .put("tool_call_id", Trees.text(item.get("call_id")))
                        .put("content", outputText(item.get("output"), images));
                case "reasoning" -> { } // Chat has no way to hand reasoning back
                default -> throw new UntranslatableRequest("input items of type '" + type + "' cannot be sent to an"
                        + " openai-chat upstream", "input");
            }
        }
        flushImages(images, messages);
    }

    private static ObjectNode message(JsonNode item) {
        String role = Trees.text(item.get("role"));
        ObjectNode message = Trees.object().put("role", role.equals("developer") ? "system" : role);
        JsonNode content = item.get("content");
        if (content == null || content.isTextual()) {
            return message.put("content", Trees.text(content));
        }
        ArrayNode parts = Trees.array();
        for (JsonNode part : content) {
            String type = Trees.text(part.get("type"));
            switch (type) {
                case "input_text", "output_text", "text" -> parts.addObject().put("type", "text")
                        .put("text", Trees.text(part.get("text")));
                case "refusal" -> parts.addObject().put("type", "text").put("text", Trees.text(part.get("refusal")));
                case "input_image" -> parts.add(image(part));
                default -> throw new UntranslatableRequest("content parts of type '" + type + "' cannot be sent to an"
                        + " openai-chat upstream", "input");
            }
        }
        boolean textOnly = true;
        for (JsonNode part : parts) {
            textOnly &= part.has("text");
        }
        if (textOnly && (parts.size() <= 1 || !role.equals("user"))) {
            message.put("content", Trees.contentText(parts, ""));
        } else {
            message.set("content", parts);
        }
        return message;
    }

    /** A call joins the assistant message just before it, so parallel calls share one message as Chat expects. */
    private static void functionCall(JsonNode item, ArrayNode messages) {
        ObjectNode assistant = messages.isEmpty() ? null : (ObjectNode) messages.get(messages.size() - 1);
        if (assistant == null || !"assistant".equals(Trees.text(assistant.get("role")))) {
            assistant = messages.addObject().put("role", "assistant").putNull("content");
        }
        ArrayNode calls = assistant.has("tool_calls") ? (ArrayNode) assistant.get("tool_calls")
                : assistant.putArray("tool_calls");
        calls.add(ChatParts.toolCall(Trees.text(item.get("call_id")), Trees.text(item.get("name")),
                Trees.text(item.get("arguments"))));
    }

    private static String outputText(JsonNode output, ArrayNode images) {
        if (output == null || output.isTextual()) {
            return Trees.text(output);
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : output) {
            if (Trees.text(part.get("type")).equals("input_image")) {
                images.add(image(part));
            } else if (part.path("text").isTextual()) {
                text.append(text.isEmpty() ? "" : "\n").append(part.get("text").textValue());
            }
        }
        return text.toString();
    }

    private static void flushImages(ArrayNode images, ArrayNode messages) {
        if (!images.isEmpty()) {
            messages.addObject().put("role", "user").set("content", images.deepCopy());
            images.removeAll();
        }
    }

    private static ObjectNode image(JsonNode part) {
        String url = Trees.text(part.get("image_url"));
        if (url.isEmpty()) {
            throw new UntranslatableRequest("an input_image by file_id needs an openai-responses upstream; send an"
                    + " image_url (a URL or a data URL) instead", "input");
        }
        return ChatParts.imagePart(url, part.get("detail"));
    }

    private static void tools(JsonNode in, ObjectNode out) {
        JsonNode tools = in.path("tools");
        if (!tools.isArray() || tools.isEmpty()) {
            return;
        }
        ArrayNode converted = out.putArray("tools");
        for (JsonNode tool : tools) {
            String type = Trees.text(tool.get("type"));
            if (!type.equals("function")) {
                throw new UntranslatableRequest("the built-in tool type '" + type + "' needs an openai-responses"
                        + " upstream; this model group's target speaks openai-chat", "tools");
            }
            converted.add(ChatParts.functionTool(tool, "parameters"));
        }
        JsonNode choice = in.get("tool_choice");
        if (choice != null && choice.isTextual()) {
            out.set("tool_choice", choice);
        } else if (choice != null && "function".equals(Trees.text(choice.get("type")))) {
            out.set("tool_choice", ChatParts.namedChoice(Trees.text(choice.get("name"))));
        } else if (choice != null && !choice.isNull()) {
            throw new UntranslatableRequest("a tool_choice of type '" + Trees.text(choice.get("type"))
                    + "' cannot be sent to an openai-chat upstream; use auto, none, required or a function",
                    "tool_choice");
        }
    }
}
