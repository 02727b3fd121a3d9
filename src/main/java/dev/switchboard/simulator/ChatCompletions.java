package dev.switchboard.simulator;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * {@code POST /v1/chat/completions}: reads an OpenAI Chat Completions request the way vLLM validates it and hands it
 * to the {@link Engine}. Invalid requests get vLLM's error answers (400, 404 for a model it does not serve).
 */
final class ChatCompletions {

    private ChatCompletions() {
    }

    static void handle(Engine engine, HttpServerRequest request, Buffer body) {
        RequestBodies.submit(engine, request, body, ErrorShape.OPENAI, ChatCompletions::interpret);
    }

    private static InferenceCall interpret(Engine engine, JsonObject json) {
        String model = RequestBodies.model(engine, json);
        JsonArray messages = json.getJsonArray("messages");
        if (messages == null || messages.isEmpty()) {
            throw new InvalidRequest(400, "messages must be a non-empty array.", "messages");
        }
        boolean stream = json.getBoolean("stream", false);
        JsonObject streamOptions = json.getJsonObject("stream_options");
        boolean includeUsage = stream && streamOptions != null && streamOptions.getBoolean("include_usage", false);
        Integer maxTokens = RequestBodies.maxTokens(json, "max_completion_tokens", "max_tokens");

        PromptText prompt = new PromptText();
        JsonObject last = null;
        for (Object item : messages) {
            if (!(item instanceof JsonObject message) || !(message.getValue("role") instanceof String role)) {
                throw new InvalidRequest(400, "Every message must be an object with a role.", "messages");
            }
            prompt.add(role, message.getValue("content"));
            if (message.getValue("tool_calls") instanceof JsonArray calls) {
                prompt.append(calls.encode());
            }
            last = message;
        }
        Reply reply = toolCall(json, "tool".equals(last.getString("role")));
        if (reply == null) {
            reply = RequestBodies.text(engine, maxTokens);
        }
        ChatCompletionReply writer = new ChatCompletionReply(Engine.newId("chatcmpl-"),
                System.currentTimeMillis() / 1000, model, includeUsage, reply);
        return new InferenceCall(stream, prompt.text(), reply, writer, ErrorShape.OPENAI);
    }

    /** A call of the first (or the named) tool, unless there are none, tool_choice is "none" or a tool just answered. */
    private static Reply toolCall(JsonObject json, boolean lastIsToolResult) {
        JsonArray tools = json.getJsonArray("tools");
        Object choice = json.getValue("tool_choice");
        if (tools == null || tools.isEmpty() || "none".equals(choice) || lastIsToolResult) {
            return null;
        }
        String wanted = null;
        if (choice instanceof JsonObject named && named.getValue("function") instanceof JsonObject function) {
            wanted = function.getString("name");
        }
        for (Object item : tools) {
            if (item instanceof JsonObject tool && tool.getValue("function") instanceof JsonObject function
                    && function.getValue("name") instanceof String name && (wanted == null || wanted.equals(name))) {
                return new Reply.ToolCall(Engine.newId("chatcmpl-tool-"), name,
                        ToolArguments.placeholders(function.getJsonObject("parameters")));
            }
        }
        throw new InvalidRequest(400, wanted == null ? "tools must hold function tools with a name."
                : "tool_choice names the function `" + wanted + "`, which is not among the tools.", "tools");
    }
}
