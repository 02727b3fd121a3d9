package dev.switchboard.dialect;

import java.nio.charset.StandardCharsets;

/**
 * An error the router answers itself, rendered in the caller's dialect. The message says what to do about it and
 * never carries a secret or an upstream address.
 *
 * @param kind              what went wrong, which fixes the status and the dialect's error type
 * @param message           for the caller
 * @param code              OpenAI's machine-readable {@code code}, or null
 * @param param             the request field at fault, or null
 * @param retryAfterSeconds the {@code Retry-After} to send, or 0 for none
 */
public record ApiError(ErrorKind kind, String message, String code, String param, long retryAfterSeconds) {

    public ApiError(ErrorKind kind, String message) {
        this(kind, message, null, null, 0);
    }

    public int status() {
        return kind.status();
    }

    /** The error body in {@code dialect}'s shape. */
    public byte[] body(Dialect dialect) {
        return json(dialect).getBytes(StandardCharsets.UTF_8);
    }

    /** The error as one SSE event, for a stream that fails after its first byte reached the caller. */
    public byte[] streamEvent(Dialect dialect) {
        String event = switch (dialect) {
            case OPENAI_CHAT -> "data: " + json(dialect) + "\n\n";
            case OPENAI_RESPONSES -> "event: error\ndata: {\"type\":\"error\",\"code\":" + string(code == null ? kind.openAiType() : code)
                    + ",\"message\":" + string(message) + ",\"param\":" + string(param) + "}\n\n";
            case ANTHROPIC -> "event: error\ndata: " + json(dialect) + "\n\n";
        };
        return event.getBytes(StandardCharsets.UTF_8);
    }

    private String json(Dialect dialect) {
        return switch (dialect) {
            case OPENAI_CHAT, OPENAI_RESPONSES -> "{\"error\":{\"message\":" + string(message) + ",\"type\":"
                    + string(kind.openAiType()) + ",\"param\":" + string(param) + ",\"code\":" + string(code) + "}}";
            case ANTHROPIC -> "{\"type\":\"error\",\"error\":{\"type\":" + string(kind.anthropicType())
                    + ",\"message\":" + string(message) + "}}";
        };
    }

    private static String string(String value) {
        return value == null ? "null" : new String(JsonBody.quote(value), StandardCharsets.UTF_8);
    }
}
