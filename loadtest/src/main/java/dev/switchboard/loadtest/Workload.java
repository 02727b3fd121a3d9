package dev.switchboard.loadtest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.vertx.core.buffer.Buffer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * What the driver sends: the next request's body and tenant, and what to do with the answer. Used on the driver's one
 * event loop only.
 */
sealed interface Workload permits SingleTurn, MultiTurn {

    /** The next request to send. */
    Turn next();

    /** A request of this workload ended; {@code reply} is the streamed text when {@link #keepsReplies()}. */
    void finished(Turn turn, boolean ok, String reply);

    /** Whether the driver must collect the streamed text of each answer (multi-turn appends it). */
    boolean keepsReplies();

    /** One request: its body, the {@code X-Tenant-ID} to send (or null), and the workload's own handle. */
    record Turn(Buffer body, String tenant, Object conversation) {
    }

    static Workload of(Options options) {
        return options.multiTurn() ? new MultiTurn(options) : new SingleTurn(options);
    }

    /** A role and its text. */
    record Message(String role, String content) {
    }

    /** The streaming chat-completion body the driver sends. */
    static Buffer body(JsonFactory json, String model, int maxTokens, List<Message> messages) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + messages.stream()
                .mapToInt(m -> m.content().length() + 32).sum());
        try (JsonGenerator g = json.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("model", model);
            g.writeBooleanField("stream", true);
            g.writeObjectFieldStart("stream_options");
            g.writeBooleanField("include_usage", true);
            g.writeEndObject();
            g.writeNumberField("max_tokens", maxTokens);
            g.writeArrayFieldStart("messages");
            for (Message m : messages) {
                g.writeStartObject();
                g.writeStringField("role", m.role());
                g.writeStringField("content", m.content());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Buffer.buffer(out.toByteArray());
    }
}
