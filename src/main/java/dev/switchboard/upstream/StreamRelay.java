package dev.switchboard.upstream;

import dev.switchboard.dialect.SseFramer;
import dev.switchboard.dialect.TokenUsage;
import dev.switchboard.dialect.translation.StreamSink;
import dev.switchboard.dialect.translation.StreamTranslator;
import dev.switchboard.dialect.translation.Translation;
import dev.switchboard.routing.Target;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerResponse;

/**
 * Relays a committed server-sent-event stream to the caller event by event, as the upstream produces them: the
 * translation's stream translator turns each upstream event into the caller's (in pass-through, the exact bytes the
 * upstream sent), and the caller's slowness pauses the upstream rather than filling memory.
 */
final class StreamRelay implements StreamSink {

    private final Exchange exchange;
    private final HttpServerResponse response;
    private final HttpClientResponse upstream;
    private final StreamTranslator translator;
    private final SseFramer framer;
    private final Target current;
    private final boolean stats;

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
        this.translator = translation.stream(exchange.callerRequest(), this);
        this.framer = new SseFramer(translator::event);
    }

    /** Feeds the next network chunk of the upstream's stream. */
    void feed(Buffer chunk) {
        framer.feed(chunk);
        if (upstream != null && response.writeQueueFull()) {
            upstream.pause();
            response.drainHandler(v -> upstream.resume());
        }
    }

    /** Feeds one whole upstream event, of a stream synthesised from a whole answer. */
    void event(Buffer event) {
        translator.event(event);
    }

    /** Whether the upstream ended its stream properly and no half event is left over. */
    boolean endedCleanly() {
        return translator.finished() && framer.pendingBytes() == 0;
    }

    @Override
    public void write(Buffer event) {
        if (stats && StreamStats.before(event)) {
            response.write(StreamStats.event(exchange, current));
        }
        response.write(event);
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
}
