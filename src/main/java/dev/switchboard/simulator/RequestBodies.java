package dev.switchboard.simulator;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;

import java.util.function.BiFunction;

/** What every dialect reads alike: the JSON body, the model, the token limit, the text reply. */
final class RequestBodies {

    private RequestBodies() {
    }

    /** The body as a JSON object, or null after answering 400 in the dialect's shape. */
    static JsonObject parse(Buffer body, HttpServerResponse response, ErrorShape errors) {
        try {
            Object value = Json.decodeValue(body);
            if (value instanceof JsonObject json) {
                return json;
            }
            errors.send(response, 400, "The request body must be a JSON object.", null);
        } catch (RuntimeException e) {
            errors.send(response, 400, "The request body is not valid JSON: " + firstLine(e.getMessage()), null);
        }
        return null;
    }

    /** The requested model; a request without one gets the first served model, as vLLM does. */
    static String model(Engine engine, JsonObject json) {
        Object model = json.getValue("model");
        if (model == null) {
            return engine.settings().models().getFirst();
        }
        if (!(model instanceof String name) || !engine.serves(name)) {
            throw new InvalidRequest(404, "The model `" + model + "` does not exist.", "model");
        }
        return name;
    }

    /** The first of the given token-limit fields present, or null; it must be at least 1. */
    static Integer maxTokens(JsonObject json, String... keys) {
        for (String key : keys) {
            Integer value = json.getInteger(key);
            if (value != null) {
                if (value < 1) {
                    throw new InvalidRequest(400, key + " must be at least 1, got " + value + ".", key);
                }
                return value;
            }
        }
        return null;
    }

    /** The text answer: {@code outputTokens} tokens, fewer when the limit cuts it (then it is truncated). */
    static Reply.Text text(Engine engine, Integer maxTokens) {
        int output = engine.settings().outputTokens();
        return maxTokens != null && maxTokens < output ? new Reply.Text(maxTokens, true)
                : new Reply.Text(output, false);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable body";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /**
     * Parses {@code body}, turns it into a call with {@code interpret}, and submits it to {@code engine}; a body that
     * does not parse or holds a field of the wrong type is answered in {@code shape}'s error form instead.
     */
    static void submit(Engine engine, HttpServerRequest request, Buffer body, ErrorShape shape,
                       BiFunction<Engine, JsonObject, InferenceCall> interpret) {
        JsonObject json = parse(body, request.response(), shape);
        if (json == null) {
            return;
        }
        InferenceCall call;
        try {
            call = interpret.apply(engine, json);
        } catch (InvalidRequest e) {
            shape.send(request.response(), e.status(), e.getMessage(), e.param());
            return;
        } catch (ClassCastException e) {
            shape.send(request.response(), 400, "A field of the request has the wrong type.", null);
            return;
        }
        engine.submit(request, call);
    }
}
