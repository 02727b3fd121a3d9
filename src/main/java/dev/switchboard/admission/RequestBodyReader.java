package dev.switchboard.admission;

import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.dialect.ApiError;
import dev.switchboard.dialect.Dialect;
import dev.switchboard.dialect.ErrorKind;
import dev.switchboard.dialect.ErrorResponses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.function.Consumer;

/**
 * Reads a request body within the body limits: too large is a 413 (refused from {@code Content-Length} before a
 * byte is read when the caller declares it), a body that stops arriving is a 408, and a body that is not JSON by its
 * content type is a 415. Nothing of a refused request goes upstream.
 */
@ApplicationScoped
public class RequestBodyReader {

    /** How much of a refused body is read and thrown away before the connection is closed. */
    static final long DRAIN_BYTES = 16L * 1024 * 1024;
    /** How long a refused body may keep arriving before the connection is closed. */
    static final long DRAIN_MILLIS = 5_000;

    private final Vertx vertx;
    private final int maxBytes;
    private final long idleMillis;

    public RequestBodyReader(Vertx vertx, SwitchboardConfig config) {
        this.vertx = vertx;
        this.maxBytes = config.requests().maxBodyBytes();
        this.idleMillis = config.requests().bodyIdleTimeout().toMillis();
    }

    /** Reads the body of {@code request}, then hands it to {@code then}; on a limit it answers the caller itself. */
    public void read(HttpServerRequest request, Dialect dialect, String requestId, Consumer<Buffer> then) {
        String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (type != null && !isJson(type)) {
            reject(request, dialect, requestId, new ApiError(ErrorKind.UNSUPPORTED_MEDIA_TYPE,
                    "the body must be JSON with Content-Type: application/json, got '" + printable(type) + "'"));
            return;
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && parseLong(length) > maxBytes) {
            reject(request, dialect, requestId, tooLarge());
            return;
        }
        Reading reading = new Reading(request, dialect, requestId, then);
        request.handler(reading::chunk);
        request.endHandler(v -> reading.end());
        request.exceptionHandler(e -> reading.stop());
        reading.arm();
    }

    private ApiError tooLarge() {
        return new ApiError(ErrorKind.TOO_LARGE, "the request body exceeds " + maxBytes
                + " bytes; send a shorter prompt or raise switchboard.requests.max_body_bytes", "request_too_large",
                null, 0);
    }

    /**
     * Answers and closes the connection, whose state is unknown after a refused body. A client still sending its body
     * (many write all of it before they read) would see the close as a broken pipe and never read the answer, so the
     * rest of the body is read and thrown away first, as RFC 9112 §9.6 advises, up to {@link #DRAIN_BYTES} or
     * {@link #DRAIN_MILLIS}, whichever comes first.
     */
    private void reject(HttpServerRequest request, Dialect dialect, String requestId, ApiError error) {
        request.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
        Future<Void> answered = ErrorResponses.send(request.response(), dialect, requestId, error);
        if (request.isEnded()) {
            answered.onComplete(v -> request.connection().close());
            return;
        }
        long[] discarded = {0};
        long timer = vertx.setTimer(DRAIN_MILLIS, id -> request.connection().close());
        request.handler(chunk -> {
            discarded[0] += chunk.length();
            if (discarded[0] > DRAIN_BYTES) {
                vertx.cancelTimer(timer);
                request.connection().close();
            }
        });
        request.endHandler(v -> {
            vertx.cancelTimer(timer);
            answered.onComplete(done -> request.connection().close());
        });
        request.exceptionHandler(e -> vertx.cancelTimer(timer));
        request.resume();
    }

    private static boolean isJson(String type) {
        String media = type.split(";", 2)[0].strip().toLowerCase();
        return media.equals("application/json") || media.endsWith("+json");
    }

    private static long parseLong(String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String printable(String value) {
        String cut = value.length() > 64 ? value.substring(0, 64) : value;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }

    /** One body being read. */
    private final class Reading {
        private final HttpServerRequest request;
        private final Dialect dialect;
        private final String requestId;
        private final Consumer<Buffer> then;
        private Buffer body;
        private long timer = -1;
        private long lastNanos = System.nanoTime();
        private boolean done;

        private Reading(HttpServerRequest request, Dialect dialect, String requestId, Consumer<Buffer> then) {
            this.request = request;
            this.dialect = dialect;
            this.requestId = requestId;
            this.then = then;
        }

        void arm() {
            long wait = Math.max(1, idleMillis - (System.nanoTime() - lastNanos) / 1_000_000);
            timer = vertx.setTimer(wait, id -> {
                if (done) {
                    return;
                }
                if ((System.nanoTime() - lastNanos) / 1_000_000 < idleMillis) {
                    arm();
                    return;
                }
                done = true;
                reject(request, dialect, requestId, new ApiError(ErrorKind.REQUEST_TIMEOUT, "the request body did not"
                        + " arrive in time: nothing for " + idleMillis + " ms", "request_timeout", null, 0));
            });
        }

        void chunk(Buffer chunk) {
            if (done) {
                return;
            }
            lastNanos = System.nanoTime();
            if (body == null) {
                body = chunk.copy();
            } else {
                body.appendBuffer(chunk);
            }
            if (body.length() > maxBytes) {
                done = true;
                vertx.cancelTimer(timer);
                reject(request, dialect, requestId, tooLarge());
            }
        }

        void end() {
            if (done) {
                return;
            }
            done = true;
            vertx.cancelTimer(timer);
            then.accept(body == null ? Buffer.buffer() : body);
        }

        void stop() {
            done = true;
            vertx.cancelTimer(timer);
        }
    }
}
