package dev.switchboard.dialect.translation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.dialect.Bytes;
import dev.switchboard.dialect.TokenUsage;
import io.vertx.core.buffer.Buffer;

import java.nio.charset.StandardCharsets;

/**
 * Relays a Chat Completions stream as the upstream sent it. Events are told apart by byte patterns, never decoded,
 * except the one usage chunk, which is read and, when the router asked for it and the caller did not, held back.
 */
final class ChatPassThroughStream implements StreamTranslator {

    private static final byte[] DONE = bytes("data: [DONE]");
    private static final byte[] DATA = bytes("data:");
    private static final byte[] CONTENT = bytes("\"content\":\"");
    private static final byte[] TOOL_CALLS = bytes("\"tool_calls\"");
    private static final byte[] REASONING = bytes("\"reasoning_content\":\"");
    private static final byte[] USAGE = bytes("\"usage\":{");
    private static final byte[] NO_CHOICES = bytes("\"choices\":[]");

    private final StreamSink sink;
    private final boolean callerWantsUsage;
    private boolean sawDone;

    ChatPassThroughStream(StreamSink sink, boolean callerWantsUsage) {
        this.sink = sink;
        this.callerWantsUsage = callerWantsUsage;
    }

    @Override
    public void event(Buffer event) {
        if (carriesToken(event)) {
            sink.write(event);
            sink.token();
            return;
        }
        if (Bytes.startsWith(event, DONE)) {
            sawDone = true;
        } else if (Bytes.indexOf(event, USAGE) >= 0) {
            TokenUsage usage = readUsage(event);
            if (usage != null) {
                sink.usage(usage);
                // The router asked for this chunk for its own accounting; a caller who did not gets the stream it asked for.
                if (!callerWantsUsage && Bytes.indexOf(event, NO_CHOICES) >= 0) {
                    return;
                }
            }
        }
        sink.write(event);
    }

    @Override
    public boolean finished() {
        return sawDone;
    }

    private static TokenUsage readUsage(Buffer event) {
        int start = Bytes.indexOf(event, DATA);
        if (start < 0) {
            return null;
        }
        JsonNode chunk = Trees.parse(event.getString(start + DATA.length,
                event.length(), "UTF-8"));
        return chunk == null ? null : TokenUsage.fromOpenAi(chunk.get("usage"));
    }

    /** Whether an event holds generated output (text, reasoning or a tool call), not just the opening role. */
    private static boolean carriesToken(Buffer event) {
        int content = Bytes.indexOf(event, CONTENT);
        if (content >= 0 && content + CONTENT.length < event.length() && event.getByte(content + CONTENT.length) != '"') {
            return true;
        }
        int reasoning = Bytes.indexOf(event, REASONING);
        if (reasoning >= 0 && reasoning + REASONING.length < event.length()
                && event.getByte(reasoning + REASONING.length) != '"') {
            return true;
        }
        return Bytes.indexOf(event, TOOL_CALLS) >= 0;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
