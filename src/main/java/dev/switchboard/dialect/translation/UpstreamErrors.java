package dev.switchboard.dialect.translation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.dialect.ApiError;
import dev.switchboard.dialect.Dialect;
import dev.switchboard.dialect.ErrorKind;

import java.nio.charset.StandardCharsets;

/**
 * Upstream errors in the caller's dialect. Reads either shape an upstream may answer in (OpenAI's
 * {@code {"error":{"message","type","param","code"}}}, Anthropic's {@code {"type":"error","error":{"type","message"}}},
 * or an OpenAI Responses {@code error} event) and keeps the upstream's message, which tells the caller what was wrong.
 */
final class UpstreamErrors {

    private UpstreamErrors() {
    }

    /** An upstream 4xx answer's body, re-shaped for {@code caller}; the status stays the upstream's. */
    static byte[] reshape(Dialect caller, int status, byte[] body) {
        JsonNode tree = Trees.parse(new String(body, StandardCharsets.UTF_8));
        ApiError error = tree == null
                ? new ApiError(ErrorKind.ofStatus(status), "the upstream refused the request with status " + status)
                : of(status, tree);
        return error.body(caller);
    }

    /**
     * The error an upstream error body or error event describes.
     *
     * @param status the upstream's HTTP status, or 0 for an event inside a stream
     */
    static ApiError of(int status, JsonNode body) {
        JsonNode error = body.path("error").isObject() ? body.path("error")
                : body.path("response").path("error").isObject() ? body.path("response").path("error") : body;
        String message = Trees.text(error.get("message"));
        String type = Trees.text(error.get("type"));
        String code = error.hasNonNull("code") ? error.get("code").asText() : null;
        String param = error.hasNonNull("param") ? error.get("param").asText() : null;
        ErrorKind kind = status > 0 ? ErrorKind.ofStatus(status) : ofType(type.isEmpty() ? code : type);
        return new ApiError(kind, message.isEmpty() ? "the upstream reported an error" + (type.isEmpty() ? ""
                : " (" + type + ")") : message, code, param, 0);
    }

    private static ErrorKind ofType(String type) {
        if (type == null) {
            return ErrorKind.BAD_GATEWAY;
        }
        return switch (type) {
            case "overloaded_error", "server_is_overloaded" -> ErrorKind.UNAVAILABLE;
            case "rate_limit_error", "rate_limit_exceeded" -> ErrorKind.RATE_LIMITED;
            case "invalid_request_error", "BadRequestError" -> ErrorKind.INVALID_REQUEST;
            default -> ErrorKind.BAD_GATEWAY;
        };
    }
}
