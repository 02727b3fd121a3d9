package dev.switchboard.dialect.translation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.dialect.Bytes;
import io.vertx.core.buffer.Buffer;

import java.nio.charset.StandardCharsets;

/**
 * One server-sent event taken apart ({@code event:} name and joined {@code data:} lines) or put together.
 *
 * @param name the {@code event:} field, or null when the event has none (Chat Completions streams)
 * @param data the {@code data:} lines joined by newlines, or null when there are none (comments, keep-alives)
 */
record SseEvent(String name, String data) {

    /** Chat Completions' end of stream. */
    static final String DONE = "[DONE]";
    private static final byte[] EVENT = "event:".getBytes(StandardCharsets.US_ASCII);

    static SseEvent parse(Buffer event) {
        String name = null;
        StringBuilder data = null;
        for (String line : event.toString(StandardCharsets.UTF_8).split("\r?\n")) {
            if (line.startsWith("event:")) {
                name = line.substring(6).strip();
            } else if (line.startsWith("data:")) {
                String value = line.startsWith("data: ") ? line.substring(6) : line.substring(5);
                if (data == null) {
                    data = new StringBuilder(value);
                } else {
                    data.append('\n').append(value);
                }
            }
        }
        return new SseEvent(name, data == null ? null : data.toString());
    }

    /** The event's data as JSON; an empty object when it holds none. */
    static JsonNode json(Buffer event) {
        SseEvent parsed = parse(event);
        JsonNode data = parsed.data() == null ? null : Trees.parse(parsed.data());
        return data == null ? Trees.object() : data;
    }

    /**
     * The {@code event:} name when the event starts with that line, as Anthropic and OpenAI Responses streams do;
     * else null. Reads only the first line, so a relay can tell events apart without decoding them.
     */
    static String leadingName(Buffer event) {
        if (!Bytes.startsWith(event, EVENT)) {
            return null;
        }
        int length = event.length();
        int start = EVENT.length;
        if (start < length && event.getByte(start) == ' ') {
            start++;
        }
        int end = start;
        while (end < length && event.getByte(end) != '\n' && event.getByte(end) != '\r') {
            end++;
        }
        return event.getString(start, end, "US-ASCII");
    }

    /** {@code event: <name>} and {@code data: <json>}, as Anthropic and OpenAI Responses streams frame events. */
    static Buffer named(String name, JsonNode data) {
        byte[] json = Trees.bytes(data);
        return Buffer.buffer(json.length + name.length() + 20).appendString("event: ").appendString(name)
                .appendString("\ndata: ").appendBytes(json).appendString("\n\n");
    }

    /** {@code data: <json>}, as Chat Completions streams frame events. */
    static Buffer data(JsonNode data) {
        byte[] json = Trees.bytes(data);
        return Buffer.buffer(json.length + 8).appendString("data: ").appendBytes(json).appendString("\n\n");
    }

    /** Chat Completions' last event. */
    static Buffer done() {
        return Buffer.buffer("data: [DONE]\n\n");
    }
}
