package dev.switchboard.dialect.translation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.dialect.TokenUsage;
import io.vertx.core.buffer.Buffer;

/**
 * Relays an Anthropic Messages stream as the upstream sent it. Events are told apart by their leading
 * {@code event:} line; only {@code message_start} and {@code message_delta}, which carry the usage, are decoded.
 */
final class AnthropicPassThroughStream implements StreamTranslator {

    private final StreamSink sink;
    private JsonNode startUsage;
    private boolean finished;

    AnthropicPassThroughStream(StreamSink sink) {
        this.sink = sink;
    }

    @Override
    public void event(Buffer event) {
        sink.write(event);
        String name = SseEvent.leadingName(event);
        if (name == null) {
            // a server that frames events without the event: line; rare, so the data is decoded instead
            name = Trees.text(SseEvent.json(event).get("type"));
        }
        switch (name) {
            case "content_block_delta" -> sink.token();
            case "message_start" -> {
                startUsage = SseEvent.json(event).path("message").path("usage");
                report(TokenUsage.fromAnthropic(startUsage));
            }
            case "message_delta" -> report(merged(SseEvent.json(event).path("usage")));
            case "message_stop", "error" -> finished = true;
            default -> { }
        }
    }

    @Override
    public boolean finished() {
        return finished;
    }

    private void report(TokenUsage usage) {
        if (usage != null) {
            sink.usage(usage);
        }
    }

    /** message_delta's cumulative counts over message_start's: input counts stay unless the delta restates them. */
    private TokenUsage merged(JsonNode delta) {
        if (!delta.isObject()) {
            return TokenUsage.fromAnthropic(startUsage);
        }
        ObjectNode usage = startUsage != null && startUsage.isObject()
                ? startUsage.deepCopy() : Trees.object();
        delta.fields().forEachRemaining(field -> {
            if (!field.getValue().isNull()) {
                usage.set(field.getKey(), field.getValue());
            }
        });
        return TokenUsage.fromAnthropic(usage);
    }
}
