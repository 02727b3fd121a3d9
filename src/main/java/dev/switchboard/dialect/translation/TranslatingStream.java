package dev.switchboard.dialect.translation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.dialect.Dialect;
import io.vertx.core.buffer.Buffer;

/**
 * The shared half of a stream translator between two dialects: each upstream event is decoded into its name and
 * JSON data and handed to {@link #onEvent}; Chat Completions' {@code [DONE]} goes to {@link #onDone}. Events that are
 * not JSON (comments, keep-alives) carry nothing across.
 */
abstract class TranslatingStream implements StreamTranslator {

    protected final StreamSink sink;
    private final Dialect caller;
    private boolean finished;

    TranslatingStream(StreamSink sink, Dialect caller) {
        this.sink = sink;
        this.caller = caller;
    }

    @Override
    public final void event(Buffer raw) {
        if (finished) {
            return;
        }
        SseEvent event = SseEvent.parse(raw);
        if (event.data() == null) {
            return;
        }
        if (event.data().strip().equals(SseEvent.DONE)) {
            onDone();
            return;
        }
        if (Trees.parse(event.data()) instanceof ObjectNode data) {
            onEvent(event.name() != null ? event.name() : Trees.text(data.get("type")), data);
        }
    }

    @Override
    public final boolean finished() {
        return finished;
    }

    /** One upstream event; {@code name} is its {@code event:} field, or its data's {@code type}, or "". */
    protected abstract void onEvent(String name, ObjectNode data);

    /** Chat Completions' {@code data: [DONE]}. */
    protected void onDone() {
    }

    /** The caller's stream is complete; later upstream events are ignored. */
    protected final void finish() {
        finished = true;
    }

    /** Ends the caller's stream with the upstream's error, as its dialect's error event. */
    protected final void upstreamError(JsonNode error) {
        sink.write(Buffer.buffer(UpstreamErrors.of(0, error).streamEvent(caller)));
        finish();
    }
}
