package dev.switchboard.simulator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Arguments for a simulated tool call: a JSON object holding each {@code required} property of the tool's parameters
 * schema, filled with a placeholder of its type, so the caller's own schema validation passes.
 */
final class ToolArguments {

    private ToolArguments() {
    }

    /** The arguments, encoded, for a JSON-schema {@code parameters} object (null: no parameters). */
    static String placeholders(JsonObject parameters) {
        return objectFor(parameters).encode();
    }

    private static JsonObject objectFor(JsonObject schema) {
        JsonObject arguments = new JsonObject();
        if (schema == null) {
            return arguments;
        }
        JsonObject properties = schema.getValue("properties") instanceof JsonObject p ? p : new JsonObject();
        if (schema.getValue("required") instanceof JsonArray required) {
            for (Object name : required) {
                if (name instanceof String key) {
                    arguments.put(key, placeholder(properties.getValue(key)));
                }
            }
        }
        return arguments;
    }

    private static Object placeholder(Object schema) {
        if (!(schema instanceof JsonObject property)) {
            return "sample";
        }
        if (property.getValue("enum") instanceof JsonArray values && !values.isEmpty()) {
            return values.getValue(0);
        }
        if (property.containsKey("const")) {
            return property.getValue("const");
        }
        return switch (typeOf(property)) {
            case "integer", "number" -> 1;
            case "boolean" -> true;
            case "array" -> new JsonArray();
            case "object" -> objectFor(property);
            case "null" -> null;
            default -> "sample";
        };
    }

    // "type" may be a list such as ["string", "null"]: the first non-null type wins.
    private static String typeOf(JsonObject property) {
        Object type = property.getValue("type");
        if (type instanceof String s) {
            return s;
        }
        if (type instanceof JsonArray types) {
            for (Object t : types) {
                if (t instanceof String s && !s.equals("null")) {
                    return s;
                }
            }
        }
        return "string";
    }
}
