package dev.switchboard.dialect.translation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.dialect.Dialect;
import dev.switchboard.dialect.TokenUsage;

/**
 * The reading every translation of a Chat Completions stream shares: an error chunk ends the caller's stream with its
 * dialect's error event; the first chunk opens the answer; the usage chunk (Chat sends it last) is reported and kept;
 * each chunk's text, tool-call deltas and finish reason go to the subclass; {@code [DONE]} closes the answer.
 */
abstract class FromChatStream extends TranslatingStream {

    /** Chat's usage object once the usage chunk arrived, else null. */
    protected JsonNode usage;
    private boolean started;

    FromChatStream(StreamSink sink, Dialect caller) {
        super(sink, caller);
    }

    @Override
    protected final void onEvent(String name, ObjectNode chunk) {
        if (chunk.has("error")) {
            upstreamError(chunk);
            return;
        }
        if (!started) {
            started = true;
            onStart(chunk);
        }
        if (chunk.path("usage").isObject()) {
            usage = chunk.get("usage");
            sink.usage(TokenUsage.fromOpenAi(usage));
        }
        JsonNode choice = chunk.path("choices").path(0);
        JsonNode delta = choice.path("delta");
        String text = Trees.text(delta.get("content"));
        if (!text.isEmpty()) {
            onText(text);
            sink.token();
        }
        for (JsonNode call : delta.path("tool_calls")) {
            onToolCall(call.path("index").asInt(0), call);
        }
        if (choice.hasNonNull("finish_reason")) {
            onFinishReason(choice);
        }
    }

    @Override
    protected final void onDone() {
        if (!started) {
            started = true;
            onStart(Trees.object());
        }
        onEnd();
        finish();
    }

    /** The first chunk (an empty object when the stream held none before {@code [DONE]}). */
    protected abstract void onStart(JsonNode chunk);

    /** Generated text. */
    protected abstract void onText(String text);

    /** A tool-call delta: the first for {@code index} carries its id and name, later ones argument pieces. */
    protected abstract void onToolCall(int index, JsonNode call);

    /** The choice that carries {@code finish_reason}. */
    protected abstract void onFinishReason(JsonNode choice);

    /** {@code [DONE]}: close the answer; the usage, when sent, has arrived. */
    protected abstract void onEnd();
}
