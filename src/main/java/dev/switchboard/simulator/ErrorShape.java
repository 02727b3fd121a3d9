package dev.switchboard.simulator;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/** The error bodies of the dialects the simulator speaks. */
enum ErrorShape {

    /** {@code {"error":{"message","type","param","code"}}}, with vLLM's type names and the status as code. */
    OPENAI {
        @Override
        JsonObject body(int status, String message, String param) {
            return new JsonObject().put("error", new JsonObject()
                    .put("message", message)
                    .put("type", openAiType(status))
                    .put("param", param)
                    .put("code", status));
        }
    },

    /** {@code {"type":"error","error":{"type","message"}}}. */
    ANTHROPIC {
        @Override
        JsonObject body(int status, String message, String param) {
            return new JsonObject().put("type", "error").put("error", new JsonObject()
                    .put("type", anthropicType(status))
                    .put("message", message));
        }
    };

    abstract JsonObject body(int status, String message, String param);

    /** Ends the response with this error; {@code retryAfterSeconds} &gt; 0 adds {@code Retry-After}. */
    void send(HttpServerResponse response, int status, String message, String param, long retryAfterSeconds) {
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(status).putHeader("content-type", "application/json");
        if (retryAfterSeconds > 0) {
            response.putHeader("retry-after", Long.toString(retryAfterSeconds));
        }
        response.end(Buffer.buffer(body(status, message, param).encode()), null);
    }

    void send(HttpServerResponse response, int status, String message, String param) {
        send(response, status, message, param, 0);
    }

    private static String openAiType(int status) {
        return switch (status) {
            case 400 -> "BadRequestError";
            case 401 -> "AuthenticationError";
            case 403 -> "PermissionDeniedError";
            case 404 -> "NotFoundError";
            case 405 -> "MethodNotAllowedError";
            case 413 -> "RequestTooLargeError";
            case 422 -> "UnprocessableEntityError";
            case 429 -> "RateLimitError";
            case 502 -> "BadGatewayError";
            case 503 -> "ServiceUnavailableError";
            case 504 -> "GatewayTimeoutError";
            default -> status >= 500 ? "InternalServerError" : "BadRequestError";
        };
    }

    private static String anthropicType(int status) {
        return switch (status) {
            case 400, 405, 422 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 503, 529 -> "overloaded_error";
            default -> status >= 500 ? "api_error" : "invalid_request_error";
        };
    }
}
