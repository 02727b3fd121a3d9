package dev.switchboard.dialect.translation;

import dev.switchboard.dialect.TokenUsage;
import io.vertx.core.buffer.Buffer;

/** Where a {@link StreamTranslator} sends the caller's events and reports what it saw on the way. */
public interface StreamSink {

    /** Writes one whole event, in the caller's dialect, to the caller. */
    void write(Buffer event);

    /** The event just written carried generated output (text, reasoning, tool-call arguments). */
    void token();

    /** The upstream reported token counts; a later report replaces an earlier one. */
    void usage(TokenUsage usage);
}
