package dev.switchboard.loadtest;

import io.vertx.core.AsyncResult;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

/**
 * One streamed chat completion, from sending to its last byte: reads the events as they arrive and notes when the
 * first content came, the gaps between contents, the usage block, and how it ended. Runs on the driver's event loop.
 *
 * <p>Errors by kind: {@code connect} (no connection), {@code http_<status>}, {@code timeout} (whole request or a
 * silence too long), {@code closed_before_response}, {@code stream_cut} (the body ended or broke before
 * {@code [DONE]}), {@code stream_error} (an error event in the stream), {@code bad_json} (an event that is not a
 * JSON object), {@code not_event_stream} (200 without {@code text/event-stream}), {@code no_content} (finished
 * without one content delta, so no time to first token).
 */
final class StreamRequest implements SseLines.Listener {

    private static final byte[] DONE = "[DONE]".getBytes();

    final Workload.Turn turn;
    /** When the request was meant to start (open loop: its arrival, so a late send counts against the server). */
    final long startNanos;
    final boolean measured;
    private final Run run;
    private final SseLines sse = new SseLines(this);
    private final StringBuilder text;
    private HttpClientRequest request;
    private long timer = -1;
    private long now;
    private long firstContent;
    private long lastContent;
    private int contentEvents;
    private boolean sawDone;
    private boolean errorEvent;
    private boolean done;
    private boolean responseEnded;
    private String error;
    int completionTokens = -1;
    int promptTokens = -1;
    int cachedTokens = -1;
    long endNanos;

    StreamRequest(Run run, Workload.Turn turn, long startNanos, boolean measured, boolean keepText) {
        this.run = run;
        this.turn = turn;
        this.startNanos = startNanos;
        this.measured = measured;
        this.text = keepText ? new StringBuilder(256) : null;
    }

    void send() {
        timer = run.vertx.setTimer(run.options.requestTimeout().toMillis(), id -> {
            timer = -1;
            fail("timeout");
        });
        run.client.request(run.requestOptions(turn.tenant())).onComplete(this::connected);
    }

    /** The run is over: drop the request without counting it as an error. */
    void abandon() {
        if (!done) {
            error = "unfinished";
            finish();
        }
    }

    boolean ok() {
        return done && error == null;
    }

    String error() {
        return error;
    }

    long ttftNanos() {
        return firstContent - startNanos;
    }

    int contentEvents() {
        return contentEvents;
    }

    String text() {
        return text == null ? "" : text.toString();
    }

    private void connected(AsyncResult<HttpClientRequest> result) {
        if (done) {
            if (result.succeeded()) {
                result.result().reset();
            }
            return;
        }
        if (result.failed()) {
            fail(timeout(result.cause()) ? "timeout" : "connect");
            return;
        }
        request = result.result();
        request.send(turn.body()).onComplete(this::responded);
    }

    private void responded(AsyncResult<HttpClientResponse> result) {
        if (done) {
            return;
        }
        if (result.failed()) {
            fail(timeout(result.cause()) ? "timeout" : "closed_before_response");
            return;
        }
        HttpClientResponse response = result.result();
        String contentType = response.getHeader("content-type");
        if (response.statusCode() != 200) {
            String kind = "http_" + response.statusCode();
            response.handler(ignored -> { });
            response.exceptionHandler(e -> fail(kind));
            response.endHandler(v -> {
                responseEnded = true;
                fail(kind);
            });
            return;
        }
        if (contentType == null || !contentType.contains("text/event-stream")) {
            response.handler(ignored -> { });
            response.exceptionHandler(e -> fail("not_event_stream"));
            response.endHandler(v -> {
                responseEnded = true;
                fail("not_event_stream");
            });
            return;
        }
        response.handler(this::received);
        response.exceptionHandler(e -> fail(timeout(e) ? "timeout" : "stream_cut"));
        response.endHandler(v -> ended());
    }

    private void received(Buffer chunk) {
        if (done) {
            return;
        }
        now = System.nanoTime();
        sse.feed(chunk.getBytes());
    }

    @Override
    public void data(byte[] bytes, int length) {
        if (done || sawDone) {
            return;
        }
        if (length == DONE.length && java.util.Arrays.equals(bytes, 0, length, DONE, 0, length)) {
            sawDone = true;
            return;
        }
        Chunk chunk = run.chunk;
        try {
            chunk.parse(run.json, bytes, length, text);
        } catch (IOException e) {
            fail("bad_json");
            return;
        }
        if (chunk.error) {
            errorEvent = true;
        }
        if (chunk.completionTokens >= 0) {
            completionTokens = chunk.completionTokens;
            promptTokens = chunk.promptTokens;
            cachedTokens = chunk.cachedTokens;
        }
        if (chunk.contentChars > 0) {
            if (contentEvents++ == 0) {
                firstContent = now;
            } else if (measured) {
                run.stats.interToken.recordValue((now - lastContent) / 1_000);
            }
            lastContent = now;
            run.contentArrived(now);
        }
    }

    private void ended() {
        responseEnded = true;
        if (done) {
            return;
        }
        sse.end();
        if (done) {
            return; // the last event was bad
        }
        if (errorEvent) {
            fail("stream_error");
        } else if (!sawDone) {
            fail("stream_cut");
        } else if (contentEvents == 0) {
            fail("no_content");
        } else {
            finish();
        }
    }

    private void fail(String kind) {
        if (done) {
            return;
        }
        error = kind;
        finish();
    }

    private void finish() {
        done = true;
        endNanos = System.nanoTime();
        if (timer >= 0) {
            run.vertx.cancelTimer(timer);
            timer = -1;
        }
        if (error != null && request != null && !responseEnded) {
            request.reset(); // a half-read response must not go back to the pool
        }
        run.ended(this);
    }

    private static boolean timeout(Throwable e) {
        return e instanceof TimeoutException || e.getClass().getSimpleName().contains("Timeout");
    }
}
