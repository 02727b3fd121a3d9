package dev.switchboard.dialect;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;

/** Writes an {@link ApiError} as a whole HTTP response in the caller's dialect. */
public final class ErrorResponses {

    private static final CharSequence JSON = HttpHeaders.createOptimized("application/json");
    private static final CharSequence REQUEST_ID = HttpHeaders.createOptimized("X-Request-Id");

    private ErrorResponses() {
    }

    /**
     * Sends {@code error} unless a response has already begun.
     *
     * @param requestId echoed in {@code X-Request-Id}, or null when none was assigned yet
     */
    public static Future<Void> send(HttpServerResponse response, Dialect dialect, String requestId, ApiError error) {
        if (response.headWritten() || response.ended() || response.closed()) {
            return Future.succeededFuture();
        }
        response.setStatusCode(error.status());
        response.putHeader(HttpHeaders.CONTENT_TYPE, JSON);
        if (requestId != null) {
            response.putHeader(REQUEST_ID, requestId);
        }
        if (error.retryAfterSeconds() > 0) {
            response.putHeader(HttpHeaders.RETRY_AFTER, Long.toString(error.retryAfterSeconds()));
        }
        return response.end(Buffer.buffer(error.body(dialect)));
    }
}
