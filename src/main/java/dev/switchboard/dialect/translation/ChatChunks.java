package dev.switchboard.dialect.translation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;

/** Chat Completions stream chunks of one answer, built for the caller. */
final class ChatChunks {

    private final String id;
    private final long created;
    private final String model;

    ChatChunks(String id, long created, String model) {
        this.id = id;
        this.created = created;
        this.model = model;
    }

    /** A chunk of one choice carrying {@code delta}; {@code finishReason} may be null. */
    Buffer delta(ObjectNode delta, String finishReason) {
        ObjectNode chunk = head();
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        return SseEvent.data(chunk);
    }

    /** The last chunk of a choice; {@code stopReason} is vLLM's matched stop string, or null. */
    Buffer finish(String finishReason, JsonNode stopReason) {
        ObjectNode chunk = head();
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        choice.putObject("delta");
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        if (stopReason != null && !stopReason.isNull()) {
            choice.set("stop_reason", stopReason);
        }
        return SseEvent.data(chunk);
    }

    /** The usage chunk, whose choices are empty. */
    Buffer usage(ObjectNode usage) {
        ObjectNode chunk = head();
        chunk.putArray("choices");
        chunk.set("usage", usage);
        return SseEvent.data(chunk);
    }

    private ObjectNode head() {
        return Trees.object().put("id", id).put("object", "chat.completion.chunk").put("created", created)
                .put("model", model);
    }
}
