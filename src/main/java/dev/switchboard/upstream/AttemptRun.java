package dev.switchboard.upstream;

import dev.switchboard.dialect.ApiError;
import dev.switchboard.dialect.Dialect;
import dev.switchboard.dialect.ErrorKind;
import dev.switchboard.dialect.translation.Translation;
import dev.switchboard.dialect.translation.UntranslatableRequest;
import dev.switchboard.routing.Provider;
import dev.switchboard.routing.Target;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One attempt on one target: sends the body in the provider's dialect (the caller's with {@code model} rewritten when
 * the dialects match, else translated), watches the first-byte and idle timeouts, and either relays the answer in the
 * caller's dialect (committing the exchange at the first body byte) or reports a failure while a retry is still safe.
 */
final class AttemptRun {

    private static final CharSequence REQUEST_ID = HttpHeaders.createOptimized("X-Request-Id");
    private static final CharSequence TARGET = HttpHeaders.createOptimized("X-Switchboard-Target");
    static final CharSequence ATTEMPTS = HttpHeaders.createOptimized("X-Switchboard-Attempts");
    private static final CharSequence JSON = HttpHeaders.createOptimized("application/json");
    private static final CharSequence EVENT_STREAM = HttpHeaders.createOptimized("text/event-stream");
    private static final CharSequence NO_CACHE = HttpHeaders.createOptimized("no-cache");
    private static final CharSequence ANTHROPIC_VERSION = HttpHeaders.createOptimized("anthropic-version");
    private static final CharSequence ANTHROPIC_BETA = HttpHeaders.createOptimized("anthropic-beta");
    /** The Messages API version asked for when the caller did not name one (callers of other dialects never do). */
    private static final String DEFAULT_ANTHROPIC_VERSION = "2023-06-01";

    private final Forwarder forwarder;
    private final Vertx vertx;
    private final Exchange exchange;
    private final Target target;
    private final Provider provider;
    private final Translation translation;
    /** Whether the upstream is asked to stream; false when the caller's stream is synthesised from a whole answer. */
    private final boolean upstreamStream;
    private final long startNanos = System.nanoTime();
    /** When the whole request's deadline passes ({@link System#nanoTime()}); the attempt ends by then at the latest. */
    private final long deadlineNanos;
    private final long firstByteDueNanos;
    private final long totalDueNanos;
    private HttpClientRequest request;
    private HttpClientResponse upstream;
    private StreamRelay relay;
    private Buffer buffered;
    /** The one timer watching this attempt's timeouts, and when it is due. */
    private long watch = -1;
    private long watchDueNanos;
    private long lastChunkNanos;
    private boolean firstByte;
    private boolean ended;

    AttemptRun(Forwarder forwarder, Vertx vertx, Exchange exchange, Target target, long deadlineNanos) {
        this.forwarder = forwarder;
        this.vertx = vertx;
        this.exchange = exchange;
        this.target = target;
        this.provider = target.provider();
        this.deadlineNanos = deadlineNanos;
        this.firstByteDueNanos = startNanos + provider.firstByteTimeout().toNanos();
        this.totalDueNanos = startNanos + provider.totalTimeout().toNanos();
        this.translation = Translation.between(exchange.dialect(), provider.dialect());
        this.upstreamStream = exchange.stream()
                && !(provider.synthesizeToolStreams() && exchange.route().carriesTools());
    }

    Target target() {
        return target;
    }

    /**
     * Sends the request.
     *
     * @throws UntranslatableRequest before anything is sent, when the request cannot be put in the provider's dialect
     */
    void start(UpstreamClients clients) {
        Buffer body = Buffer.buffer(translation.request(exchange.callerRequest(), target.modelRef().upstreamModel(),
                upstreamStream));
        target.endpoint().acquire();
        watch();
        clients.client(provider).request(clients.address(provider).post(provider.dialect().path())).onComplete(connected -> {
            if (ended) {
                if (connected.succeeded()) {
                    connected.result().reset();
                }
                return;
            }
            if (connected.failed()) {
                fail(Outcome.CONNECT_ERROR, 0, 0);
                return;
            }
            request = connected.result();
            request.putHeader(HttpHeaders.CONTENT_TYPE, JSON);
            request.putHeader(HttpHeaders.ACCEPT, upstreamStream ? EVENT_STREAM : JSON);
            request.putHeader(REQUEST_ID, exchange.requestId());
            if (provider.dialect() == Dialect.ANTHROPIC) {
                anthropicHeaders(request);
            }
            if (provider.auth().header() != null) {
                request.putHeader(provider.auth().header(), provider.auth().value());
            }
            request.send(body).onComplete(answered -> {
                if (ended) {
                    return;
                }
                if (answered.failed()) {
                    fail(Outcome.CONNECTION_RESET, 0, 0);
                } else {
                    onResponse(answered.result());
                }
            });
        });
    }

    /** Stops the attempt because the caller left; the upstream request is reset at once so the server stops work. */
    void cancel() {
        if (!ended) {
            end(Outcome.CANCELLED, upstream == null ? 0 : upstream.statusCode());
            resetUpstream();
        }
    }

    private void onResponse(HttpClientResponse response) {
        upstream = response;
        int status = response.statusCode();
        boolean streaming = upstreamStream && status / 100 == 2;
        response.handler(chunk -> onChunk(chunk, streaming));
        response.endHandler(v -> onEnd(streaming));
        response.exceptionHandler(e -> onBroken());
    }

    private void onChunk(Buffer chunk, boolean streaming) {
        if (ended) {
            return;
        }
        lastChunkNanos = System.nanoTime();
        if (!firstByte) {
            firstByte = true;
            if (lastChunkNanos + provider.idleTimeout().toNanos() < watchDueNanos) {
                vertx.cancelTimer(watch); // the idle limit is nearer than what the watch waits for
                watch();
            }
        }
        if (streaming) {
            if (relay == null) {
                commit(upstream.statusCode(), contentType(EVENT_STREAM), true);
                relay = new StreamRelay(exchange, upstream, translation, target);
            }
            relay.feed(chunk);
        } else if (buffered == null) {
            buffered = chunk.copy();
        } else {
            buffered.appendBuffer(chunk);
        }
    }

    private void onEnd(boolean streaming) {
        if (ended) {
            return;
        }
        int status = upstream.statusCode();
        if (streaming) {
            if (relay == null) {
                commit(status, contentType(EVENT_STREAM), true);
            }
            if (relay != null && !relay.endedCleanly()) {
                endStreamWithError(Outcome.STREAM_CUT, cutError());
                return;
            }
            if (relay != null) {
                relay.end(null);
            } else {
                exchange.response().end();
            }
            end(Outcome.OK, status);
            return;
        }
        Buffer body = buffered == null ? Buffer.buffer() : buffered;
        if (status / 100 == 2) {
            answer(status, body);
        } else if (status / 100 == 4 && status != 429) {
            commit(status, contentType(JSON), false);
            exchange.response().end(Buffer.buffer(translation.error(exchange.callerRequest(), status, body.getBytes())));
            end(Outcome.UPSTREAM_4XX, status);
        } else {
            fail(status == 429 ? Outcome.UPSTREAM_429 : Outcome.UPSTREAM_5XX, status, retryAfter(upstream));
        }
    }

    /** A whole 2xx answer: relayed (translated when the dialects differ), or turned into the stream the caller wants. */
    private void answer(int status, Buffer body) {
        Translation.Answer answer = null;
        List<Buffer> events = null;
        try {
            if (exchange.stream()) {
                events = Translation.synthesizedStream(provider.dialect(), body.getBytes());
            } else {
                answer = translation.answer(exchange.callerRequest(), body.getBytes());
            }
        } catch (IllegalArgumentException e) {
            // the upstream said 2xx but sent no answer its dialect allows: a server fault, and nothing is committed yet
            fail(Outcome.UPSTREAM_5XX, status, 0);
            return;
        }
        if (answer != null) {
            exchange.usage(answer.usage());
            exchange.firstToken(System.nanoTime()); // a whole answer's tokens all arrive with its first byte
            commit(status, contentType(JSON), false);
            exchange.response().end(Buffer.buffer(answer.body()));
        } else {
            commit(status, EVENT_STREAM.toString(), true);
            StreamRelay synthesized = new StreamRelay(exchange, null, translation, target);
            events.forEach(synthesized::event);
            synthesized.end(null);
        }
        end(Outcome.OK, status);
    }

    /** The upstream's content type when its bytes are relayed as they are; else the caller dialect's. */
    private String contentType(CharSequence translated) {
        String upstreamType = upstream.getHeader(HttpHeaders.CONTENT_TYPE);
        return translation.passThrough() && upstreamType != null ? upstreamType : translated.toString();
    }

    /** The Messages API's version and beta headers: the caller's when it speaks that dialect, else the default. */
    private void anthropicHeaders(HttpClientRequest request) {
        HttpServerRequest caller = exchange.request();
        String version = exchange.dialect() == Dialect.ANTHROPIC ? caller.getHeader(ANTHROPIC_VERSION) : null;
        request.putHeader(ANTHROPIC_VERSION, version != null ? version : DEFAULT_ANTHROPIC_VERSION);
        String beta = exchange.dialect() == Dialect.ANTHROPIC ? caller.getHeader(ANTHROPIC_BETA) : null;
        if (beta != null) {
            request.putHeader(ANTHROPIC_BETA, beta);
        }
    }

    private void onBroken() {
        if (ended) {
            return;
        }
        if (exchange.committed()) {
            endStreamWithError(Outcome.STREAM_CUT, cutError());
        } else {
            fail(Outcome.CONNECTION_RESET, upstream == null ? 0 : upstream.statusCode(), 0);
        }
    }

    /**
     * Arms the one timer of this attempt for the nearest of its limits: the first byte (then the idle limit, measured
     * from the last chunk), the attempt's total, and the request's deadline. It re-arms itself lazily, so a fast stream
     * costs no timer work per chunk and a request one timer instead of one per limit.
     */
    private void watch() {
        watchDueNanos = Math.min(phaseDueNanos(), Math.min(totalDueNanos, deadlineNanos));
        long millis = TimeUnit.NANOSECONDS.toMillis(watchDueNanos - System.nanoTime() + 999_999);
        watch = vertx.setTimer(Math.max(1, millis), id -> onWatch());
    }

    /** When the current phase's limit runs out: the first byte's, then the idle limit from the last chunk. */
    private long phaseDueNanos() {
        return firstByte ? lastChunkNanos + provider.idleTimeout().toNanos() : firstByteDueNanos;
    }

    private void onWatch() {
        if (ended) {
            return;
        }
        long now = System.nanoTime();
        if (now - deadlineNanos >= 0) {
            if (exchange.committed()) {
                endStreamWithError(Outcome.DEADLINE, new ApiError(ErrorKind.GATEWAY_TIMEOUT,
                        "the request's deadline passed while the answer was streaming", "deadline_exceeded", null, 0));
            } else {
                fail(Outcome.DEADLINE, upstream == null ? 0 : upstream.statusCode(), 0); // not retryable: a 504
            }
            resetUpstream();
        } else if (now - totalDueNanos >= 0) {
            onTotalTimeout();
        } else if (now - phaseDueNanos() < 0) {
            watch();
        } else if (!firstByte) {
            fail(Outcome.FIRST_BYTE_TIMEOUT, 0, 0);
            resetUpstream();
        } else if (exchange.committed()) {
            endStreamWithError(Outcome.IDLE_TIMEOUT, new ApiError(ErrorKind.GATEWAY_TIMEOUT,
                    "the upstream sent nothing for longer than " + provider.idleTimeout().toMillis()
                            + " ms; the stream was cut", "upstream_idle_timeout", null, 0));
            resetUpstream();
        } else {
            fail(Outcome.IDLE_TIMEOUT, upstream.statusCode(), 0);
            resetUpstream();
        }
    }

    private void onTotalTimeout() {
        if (exchange.committed()) {
            endStreamWithError(Outcome.IDLE_TIMEOUT, new ApiError(ErrorKind.GATEWAY_TIMEOUT, "the answer took longer"
                    + " than the provider's " + provider.totalTimeout().toSeconds() + " s limit; it was cut",
                    "upstream_total_timeout", null, 0));
        } else {
            fail(firstByte ? Outcome.IDLE_TIMEOUT : Outcome.FIRST_BYTE_TIMEOUT, 0, 0);
        }
        resetUpstream();
    }

    /** Resets the upstream request, closing its connection so the server stops work; call once the attempt ended. */
    private void resetUpstream() {
        if (request != null) {
            request.reset();
        }
    }

    private void commit(int status, String contentType, boolean stream) {
        HttpServerResponse response = exchange.response();
        exchange.commit(status);
        response.setStatusCode(status);
        response.putHeader(HttpHeaders.CONTENT_TYPE, contentType);
        response.putHeader(REQUEST_ID, exchange.requestId());
        response.putHeader(TARGET, target.id());
        response.putHeader(ATTEMPTS, Integer.toString(exchange.attempts().size() + 1));
        if (stream) {
            response.putHeader(HttpHeaders.CACHE_CONTROL, NO_CACHE);
            response.setChunked(true);
        }
    }

    private void endStreamWithError(Outcome outcome, ApiError error) {
        Buffer event = Buffer.buffer(error.streamEvent(exchange.dialect()));
        HttpServerResponse response = exchange.response();
        if (relay != null) {
            relay.end(event); // after what the relay still holds
        } else if (!response.ended() && !response.closed()) {
            response.end(event);
        }
        end(outcome, upstream == null ? 0 : upstream.statusCode());
    }

    private ApiError cutError() {
        return new ApiError(ErrorKind.BAD_GATEWAY, "the upstream broke off the stream before its end; the answer is"
                + " incomplete, retry the request", "upstream_stream_cut", null, 0);
    }

    private void fail(Outcome outcome, int status, long retryAfterSeconds) {
        if (finishAttempt()) {
            forwarder.attemptFailed(exchange, new Attempt(target, outcome, status, System.nanoTime() - startNanos),
                    retryAfterSeconds);
        }
    }

    private void end(Outcome outcome, int status) {
        if (finishAttempt()) {
            forwarder.attemptEnded(exchange, new Attempt(target, outcome, status, System.nanoTime() - startNanos));
        }
    }

    private boolean finishAttempt() {
        if (ended) {
            return false;
        }
        ended = true;
        vertx.cancelTimer(watch);
        target.endpoint().release();
        return true;
    }

    private static long retryAfter(HttpClientResponse response) {
        String value = response.getHeader(HttpHeaders.RETRY_AFTER);
        if (value == null) {
            return 0;
        }
        try {
            return Math.max(0, Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            return 0; // an HTTP date; rare from inference servers, so treated as no hint
        }
    }
}
