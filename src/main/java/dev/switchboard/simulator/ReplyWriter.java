package dev.switchboard.simulator;

import io.vertx.core.buffer.Buffer;

/**
 * Writes one {@link Reply} in one dialect's wire format: whole, or as SSE events handed to an {@link EventSink}.
 * A {@link Generation} decides when; the writer decides only what the bytes are.
 */
interface ReplyWriter {

    /** The non-streamed answer: a JSON body. */
    Buffer whole(Usage usage);

    /** Events sent at the first token, before piece 0 (the role chunk, message_start, response.created ...). */
    void opening(EventSink sink, Usage usage);

    /** The events of piece {@code index}; {@code last} marks the final one. */
    void piece(EventSink sink, int index, boolean last, Usage usage);

    /** Events after the last piece (usage, {@code [DONE]}, message_stop ...). */
    void closing(EventSink sink, Usage usage);

    /** Receives the SSE events of a stream, each a complete frame ending in a blank line. */
    interface EventSink {
        void event(Buffer frame);
    }
}
