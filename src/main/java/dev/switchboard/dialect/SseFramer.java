package dev.switchboard.dialect;

import io.vertx.core.buffer.Buffer;

import java.util.function.Consumer;

/**
 * Cuts an upstream's server-sent-event byte stream into whole events, each handed on as the exact bytes the upstream
 * sent (its terminating blank line included), so the relay forwards events as they complete without re-serialising.
 * An event inside one network chunk is passed as a slice of that chunk; only an event split across chunks is copied.
 */
public final class SseFramer {

    private final Consumer<Buffer> onEvent;
    private Buffer pending;

    public SseFramer(Consumer<Buffer> onEvent) {
        this.onEvent = onEvent;
    }

    /** Feeds the next network chunk; calls the consumer once per event completed by it. */
    public void feed(Buffer chunk) {
        Buffer data = chunk;
        int from = 0;
        if (pending != null) {
            from = pending.length();
            data = pending.appendBuffer(chunk);
            pending = null;
            from = Math.max(0, from - 3); // a boundary may straddle the two chunks
        }
        int start = 0;
        int length = data.length();
        for (int i = Bytes.indexOf(data, from, (byte) '\n'); i >= 0; i = Bytes.indexOf(data, i + 1, (byte) '\n')) {
            int end = boundaryEnd(data, i, length);
            if (end > 0) {
                onEvent.accept(data.slice(start, end));
                start = end;
                i = end - 1;
            }
        }
        if (start < length) {
            pending = Buffer.buffer(length - start + 256).appendBuffer(data, start, length - start);
        }
    }

    /** Bytes of an unfinished event left when the stream ended; empty when the stream ended cleanly. */
    public int pendingBytes() {
        return pending == null ? 0 : pending.length();
    }

    /** If a blank line ends at the newline at {@code i}, the index just after it; else -1. */
    private static int boundaryEnd(Buffer data, int i, int length) {
        // "\n\n" or "\n\r\n"; a lone "\r" line ending is not used by the servers we front.
        if (i + 1 < length && data.getByte(i + 1) == '\n') {
            return i + 2;
        }
        if (i + 2 < length && data.getByte(i + 1) == '\r' && data.getByte(i + 2) == '\n') {
            return i + 3;
        }
        return -1;
    }
}
