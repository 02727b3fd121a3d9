package dev.switchboard.dialect.translation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.dialect.TokenUsage;
import io.vertx.core.buffer.Buffer;

/**
 * Relays an OpenAI Responses stream as the upstream sent it. Events are told apart by their leading {@code event:}
 * line; only the terminal {@code response.completed} (or {@code .incomplete}, {@code .failed}), which carries the
 * usage, is decoded.
 */
final class ResponsesPassThroughStream implements StreamTranslator {

    private final StreamSink sink;
    private boolean finished;

    ResponsesPassThroughStream(StreamSink sink) {
        this.sink = sink;
    }

    @Override
    public void event(Buffer event) {
        sink.write(event);
        String name = SseEvent.leadingName(event);
        JsonNode data = null;
        if (name == null) {
            data = SseEvent.json(event);
            name = Trees.text(data.get("type"));
        }
        switch (name) {
            case "response.output_text.delta", "response.function_call_arguments.delta", "response.refusal.delta",
                 "response.reasoning_text.delta", "response.reasoning_summary_text.delta" -> sink.token();
            case "response.completed", "response.incomplete", "response.failed" -> {
                TokenUsage usage = TokenUsage.fromResponses((data == null ? SseEvent.json(event) : data)
                        .path("response").path("usage"));
                if (usage != null) {
                    sink.usage(usage);
                }
                finished = true;
            }
            case "error" -> finished = true;
            default -> { }
        }
    }

    @Override
    public boolean finished() {
        return finished;
    }
}
