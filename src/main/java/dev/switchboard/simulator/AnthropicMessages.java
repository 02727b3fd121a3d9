package dev.switchboard.simulator;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * {@code POST /v1/messages}: reads an Anthropic Messages request and hands it to the {@link Engine}; refusals are
 * answered in Anthropic's error shape. As with the real API, {@code max_tokens} is required.
 */
final class AnthropicMessages {

    private AnthropicMessages() {
    }

    static void handle(Engine engine, HttpServerRequest request, Buffer body) {
        RequestBodies.submit(engine, request, body, ErrorShape.ANTHROPIC, AnthropicMessages::interpret);
    }

    private static InferenceCall interpret(Engine engine, JsonObject json) {
        String model = RequestBodies.model(engine, json);
        JsonArray messages = json.getJsonArray("messages");
        if (messages == null || messages.isEmpty()) {
            throw new InvalidRequest(400, "messages: must be a non-empty array.", "messages");
        }
        Integer maxTokens = RequestBodies.maxTokens(json, "max_tokens");
        if (maxTokens == null) {
            throw new InvalidRequest(400, "max_tokens: Field required", "max_tokens");
        }
        boolean stream = json.getBoolean("stream", false);

        PromptText prompt = new PromptText();
        if (json.getValue("system") != null) {
            prompt.add("system", json.getValue("system"));
        }
        JsonObject last = null;
        for (Object item : messages) {
            if (!(item instanceof JsonObject message) || !(message.getValue("role") instanceof String role)) {
                throw new InvalidRequest(400, "messages: every message must be an object with a role.", "messages");
            }
            prompt.add(role, message.getValue("content"));
            last = message;
        }
        Reply reply = toolUse(json, carriesToolResult(last));
        if (reply == null) {
            reply = RequestBodies.text(engine, maxTokens);
        }
        AnthropicReply writer = new AnthropicReply(Engine.newId("msg_"), model, reply);
        return new InferenceCall(stream, prompt.text(), reply, writer, ErrorShape.ANTHROPIC);
    }

    // A tool's answer comes back as a user message holding tool_result blocks.
    private static boolean carriesToolResult(JsonObject message) {
        if (message.getValue("content") instanceof JsonArray blocks) {
            for (Object block : blocks) {
                if (block instanceof JsonObject b && "tool_result".equals(b.getValue("type"))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A tool_use of the first (or the named) tool, unless there are none, tool_choice is none or a result is in. */
    private static Reply toolUse(JsonObject json, boolean lastIsToolResult) {
        JsonArray tools = json.getJsonArray("tools");
        JsonObject choice = json.getJsonObject("tool_choice");
        String choiceType = choice == null ? "auto" : choice.getString("type", "auto");
        if (tools == null || tools.isEmpty() || "none".equals(choiceType) || lastIsToolResult) {
            return null;
        }
        String wanted = "tool".equals(choiceType) ? choice.getString("name") : null;
        for (Object item : tools) {
            if (item instanceof JsonObject tool && tool.getValue("name") instanceof String name
                    && (wanted == null || wanted.equals(name))) {
                return new Reply.ToolCall(Engine.newId("toolu_"), name,
                        ToolArguments.placeholders(tool.getJsonObject("input_schema")));
            }
        }
        throw new InvalidRequest(400, wanted == null ? "tools: every tool needs a name."
                : "tool_choice: tool `" + wanted + "` is not among the tools.", "tools");
    }
}
