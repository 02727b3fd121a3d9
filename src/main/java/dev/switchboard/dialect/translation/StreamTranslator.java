package dev.switchboard.dialect.translation;

import io.vertx.core.buffer.Buffer;

/** Turns one upstream server-sent-event stream into the caller's, event by event. One instance per stream. */
public interface StreamTranslator {

    /** One whole upstream event, the exact bytes the upstream sent (its blank line included). */
    void event(Buffer event);

    /** Whether the upstream's stream reached its proper end (or an error event the caller was told of). */
    boolean finished();
}
