package dev.switchboard.simulator;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * {@code POST /v1/responses}: reads an OpenAI Responses request (input as a string or a list of items) and hands it to
 * the {@link Engine}; refusals are answered in OpenAI's error shape.
 */
final class OpenAiResponses {

    private OpenAiResponses() {
    }

    static void handle(Engine engine, HttpServerRequest request, Buffer body) {
        RequestBodies.submit(engine, request, body, ErrorShape.OPENAI, OpenAiResponses::interpret);
    }

    private static InferenceCall interpret(Engine engine, JsonObject json) {
        String model = RequestBodies.model(engine, json);
        Object input = json.getValue("input");
        boolean stream = json.getBoolean("stream", false);
        Integer maxTokens = RequestBodies.maxTokens(json, "max_output_tokens");

        PromptText prompt = new PromptText();
        if (json.getValue("instructions") instanceof String instructions) {
            prompt.add("system", instructions);
        }
        boolean lastIsToolResult = false;
        if (input instanceof String text) {
            prompt.add("user", text);
        } else if (input instanceof JsonArray items && !items.isEmpty()) {
            for (Object element : items) {
                if (!(element instanceof JsonObject item)) {
                    throw new InvalidRequest(400, "input: every item must be an object.", "input");
                }
                lastIsToolResult = addItem(prompt, item);
            }
        } else {
            throw new InvalidRequest(400, "input must be a string or a non-empty list of items.", "input");
        }
        Reply reply = functionCall(json, lastIsToolResult);
        if (reply == null) {
            reply = RequestBodies.text(engine, maxTokens);
        }
        JsonObject echo = new JsonObject()
                .put("instructions", json.getValue("instructions"))
                .put("max_output_tokens", maxTokens)
                .put("tool_choice", json.getValue("tool_choice", "auto"))
                .put("tools", json.getValue("tools", new JsonArray()));
        ResponsesReply writer = new ResponsesReply(Engine.newId("resp_"), System.currentTimeMillis() / 1000, model,
                echo, reply);
        return new InferenceCall(stream, prompt.text(), reply, writer, ErrorShape.OPENAI);
    }

    /** Adds one input item to the prompt; true when it is a tool's output. */
    private static boolean addItem(PromptText prompt, JsonObject item) {
        String type = item.getString("type", "message");
        switch (type) {
            case "message" -> prompt.add(item.getString("role", "user"), item.getValue("content"));
            case "function_call" -> prompt.add("assistant", null)
                    .append(item.getString("name", "") + item.getString("arguments", ""));
            case "function_call_output" -> {
                prompt.add("tool", item.getValue("output"));
                return true;
            }
            default -> prompt.add(type, item.getValue("content"));
        }
        return false;
    }

    /** A call of the first (or the named) function, unless there are none, tool_choice is "none" or a result is in. */
    private static Reply functionCall(JsonObject json, boolean lastIsToolResult) {
        JsonArray tools = json.getJsonArray("tools");
        Object choice = json.getValue("tool_choice");
        if (tools == null || tools.isEmpty() || "none".equals(choice) || lastIsToolResult) {
            return null;
        }
        String wanted = choice instanceof JsonObject named ? named.getString("name") : null;
        for (Object item : tools) {
            if (item instanceof JsonObject tool && "function".equals(tool.getValue("type"))
                    && tool.getValue("name") instanceof String name && (wanted == null || wanted.equals(name))) {
                return new Reply.ToolCall(Engine.newId("call_"), name,
                        ToolArguments.placeholders(tool.getJsonObject("parameters")));
            }
        }
        if (wanted != null) {
            throw new InvalidRequest(400, "tool_choice names the function `" + wanted + "`, which is not among the"
                    + " tools.", "tool_choice");
        }
        return null; // only built-in tools (web search ...): the simulator answers with text
    }
}
