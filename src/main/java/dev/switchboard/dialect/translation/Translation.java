package dev.switchboard.dialect.translation;

import dev.switchboard.dialect.Dialect;
import dev.switchboard.dialect.TokenUsage;
import io.vertx.core.buffer.Buffer;

import java.util.List;

/**
 * How a request in the caller's dialect is sent to a provider speaking another (or the same) dialect, and how the
 * answer comes back. One implementation per (caller, provider) pair; the upstream stage knows nothing of any one.
 */
public interface Translation {

    /**
     * The translation for a caller speaking {@code caller} served by a provider speaking {@code provider}, or null
     * when the router cannot carry one to the other.
     */
    static Translation between(Dialect caller, Dialect provider) {
        if (caller == provider) {
            return PassThrough.of(caller);
        }
        return switch (caller) {
            case ANTHROPIC -> provider == Dialect.OPENAI_CHAT ? MessagesOverChat.INSTANCE : null;
            case OPENAI_RESPONSES -> provider == Dialect.OPENAI_CHAT ? ResponsesOverChat.INSTANCE
                    : ResponsesOverMessages.INSTANCE;
            case OPENAI_CHAT -> provider == Dialect.ANTHROPIC ? ChatOverMessages.INSTANCE : null;
        };
    }

    /** Whether a provider speaking {@code provider} can serve callers speaking {@code caller}. */
    static boolean exists(Dialect caller, Dialect provider) {
        return between(caller, provider) != null;
    }

    /**
     * The stream a provider speaking {@code provider} would have sent for the whole answer {@code whole}, event by
     * event in its own dialect, for the stream translator to turn into the caller's stream.
     *
     * @throws IllegalArgumentException when {@code whole} is not a JSON object
     */
    static List<Buffer> synthesizedStream(Dialect provider, byte[] whole) {
        return StreamSynthesis.events(provider, whole);
    }

    /** True when the caller gets the upstream's bytes unchanged, its {@code Content-Type} included. */
    boolean passThrough();

    /**
     * The body to send upstream.
     *
     * @param upstreamStream whether the upstream is asked to stream (false when a caller's stream is synthesised)
     * @throws UntranslatableRequest when the request uses something the provider's dialect cannot express
     */
    byte[] request(CallerRequest request, String upstreamModel, boolean upstreamStream);

    /**
     * A whole (non-streamed) 2xx answer in the caller's dialect, with the usage the upstream reported.
     *
     * @throws IllegalArgumentException when the upstream's answer is not what its dialect promises
     */
    Answer answer(CallerRequest request, byte[] upstreamBody);

    /** An upstream 4xx body in the caller's dialect. */
    byte[] error(CallerRequest request, int status, byte[] upstreamBody);

    /** A translator for one upstream stream, writing the caller's events to {@code sink}. */
    StreamTranslator stream(CallerRequest request, StreamSink sink);

    /**
     * A whole answer in the caller's dialect.
     *
     * @param usage what the upstream reported, or null
     */
    record Answer(byte[] body, TokenUsage usage) { }
}
