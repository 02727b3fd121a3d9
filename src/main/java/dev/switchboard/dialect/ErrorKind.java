package dev.switchboard.dialect;

/** The errors the router answers itself, with the status and error type each dialect's SDKs expect. */
public enum ErrorKind {
    INVALID_REQUEST(400, "invalid_request_error", "invalid_request_error"),
    UNAUTHENTICATED(401, "authentication_error", "authentication_error"),
    FORBIDDEN(403, "permission_error", "permission_error"),
    NOT_FOUND(404, "invalid_request_error", "not_found_error"),
    REQUEST_TIMEOUT(408, "invalid_request_error", "invalid_request_error"),
    UNSUPPORTED_MEDIA_TYPE(415, "invalid_request_error", "invalid_request_error"),
    TOO_LARGE(413, "invalid_request_error", "request_too_large"),
    RATE_LIMITED(429, "rate_limit_error", "rate_limit_error"),
    INTERNAL(500, "server_error", "api_error"),
    BAD_GATEWAY(502, "upstream_error", "api_error"),
    UNAVAILABLE(503, "server_error", "overloaded_error"),
    GATEWAY_TIMEOUT(504, "timeout_error", "api_error");

    private final int status;
    private final String openAiType;
    private final String anthropicType;

    ErrorKind(int status, String openAiType, String anthropicType) {
        this.status = status;
        this.openAiType = openAiType;
        this.anthropicType = anthropicType;
    }

    /** The kind an upstream's 4xx status stands for, to re-shape its error into the caller's dialect. */
    public static ErrorKind ofStatus(int status) {
        return switch (status) {
            case 401 -> UNAUTHENTICATED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 408 -> REQUEST_TIMEOUT;
            case 413 -> TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 429 -> RATE_LIMITED;
            case 502 -> BAD_GATEWAY;
            case 503, 529 -> UNAVAILABLE;
            case 504 -> GATEWAY_TIMEOUT;
            default -> status >= 500 ? INTERNAL : INVALID_REQUEST;
        };
    }

    public int status() {
        return status;
    }

    public String openAiType() {
        return openAiType;
    }

    public String anthropicType() {
        return anthropicType;
    }
}
