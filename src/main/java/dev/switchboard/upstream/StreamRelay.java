package dev.switchboard.upstream;

import dev.switchboard.dialect.Bytes;
import dev.switchboard.dialect.SseFramer;
import dev.switchboard.dialect.TokenUsage;
import dev.switchboard.dialect.translation.StreamSink;
import dev.switchboard.dialect.translation.StreamTranslator;
import dev.switchboard.dialect.translation.Translation;
import dev.switchboard.routing.Target;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.impl.HttpServerRequestInternal;

/**
 * Relays a committed server-sent-event stream to the caller event by event, as the upstream produces them: the
 * translation's stream translator turns each upstream event into the caller's (in pass-through, the exact bytes the
 * upstream sent), and the caller's slowness pauses the upstream rather than filling memory.
 *
 * <p>Events are not written one by one: everything relayed while the event loop handles one read of the upstream
 * socket (often dozens of events in a burst) goes to the caller as one write, sent by a task that runs once the
 * loop has finished its reads — the flush nginx does after each read. Written per event, the relay made one
 * {@code writev} system call per token, which was half the router's CPU on fast streams. A GPU-paced stream still
 * gets each event flushed as soon as it arrives: the task runs right after the read that brought it.
 */
final class StreamRelay implements StreamSink {

    private final Exchange exchange;
    private final HttpServerResponse response;
    private final HttpClientResponse upstream;
    private final StreamTranslator translator;
    private final SseFramer framer;
    private final Target current;
    private final boolean stats;
    private final Context context;
    private final Handler<Void> flushTask = v -> flush();
    /** What was relayed since the last write: the first event, and once there are more, all of them as parts. */
    private Buffer batch;
    private CompositeByteBuf parts;
    private boolean flushScheduled;

    /**
     * @param upstream the upstream response to pause when the caller is slow, or null for a synthesised stream
     * @param current  the target being relayed, for the stream statistics
     */
    StreamRelay(Exchange exchange, HttpClientResponse upstream, Translation translation, Target current) {
        this.exchange = exchange;
        this.current = current;
        this.stats = StreamStats.requested(exchange);
        this.response = exchange.response();
        this.upstream = upstream;
        this.context = ((HttpServerRequestInternal) exchange.request()).context();
        this.translator = translation.stream(exchange.callerRequest(), this);
        this.framer = new SseFramer(translator::event);
    }

    /** Feeds the next network chunk of the upstream's stream. */
    void feed(Buffer chunk) {
        framer.feed(chunk);
    }

    /** Feeds one whole upstream event, of a stream synthesised from a whole answer. */
    void event(Buffer event) {
        translator.event(event);
    }

    /** Whether the upstream ended its stream properly and no half event is left over. */
    boolean endedCleanly() {
        return translator.finished() && framer.pendingBytes() == 0;
    }

    /** Ends the caller's response with what is still batched and then {@code last}, if any, in one write. */
    void end(Buffer last) {
        if (last != null) {
            append(last);
        }
        Buffer rest = takeBatch();
        if (response.ended() || response.closed()) {
            return;
        }
        if (rest == null) {
            response.end();
        } else {
            response.end(rest);
        }
    }

    @Override
    public void write(Buffer event) {
        if (stats && StreamStats.before(event)) {
            append(StreamStats.event(exchange, current));
        }
        append(event);
        if (!flushScheduled) {
            flushScheduled = true;
            context.runOnContext(flushTask); // queued behind the loop's pending reads, so they join this write
        }
    }

    @Override
    public void token() {
        exchange.firstToken(System.nanoTime());
        exchange.generated();
    }

    @Override
    public void usage(TokenUsage usage) {
        exchange.usage(usage);
    }

    /**
     * Adds an event to what the next write sends. A lone event is held as it is; more are gathered as the parts of a
     * composite buffer, not copied: the socket write copies them once anyway, and copying here made a burst's relay
     * the router's largest source of garbage.
     */
    private void append(Buffer event) {
        if (batch == null) {
            batch = event;
            return;
        }
        if (parts == null) {
            parts = Unpooled.compositeBuffer(Integer.MAX_VALUE); // never consolidated: that would copy
            parts.addComponent(true, Bytes.byteBuf(batch));
        }
        parts.addComponent(true, Bytes.byteBuf(event));
    }

    /** What is batched, as one buffer, now taken out of the batch; null when nothing is. */
    private Buffer takeBatch() {
        Buffer taken = parts != null ? Buffer.buffer(parts) : batch;
        batch = null;
        parts = null;
        return taken;
    }

    private void flush() {
        flushScheduled = false;
        Buffer pending = takeBatch();
        if (pending == null || response.ended() || response.closed()) {
            return;
        }
        response.write(pending);
        if (upstream != null && response.writeQueueFull()) {
            upstream.pause();
            response.drainHandler(v -> upstream.resume());
        }
    }
}
