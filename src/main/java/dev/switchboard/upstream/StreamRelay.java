package dev.switchboard.upstream;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.dialect.SseFramer;
import dev.switchboard.dialect.TokenUsage;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerResponse;

import java.io.IOException;

/**
 * Relays a committed server-sent-event stream to the caller event by event, as the upstream produces them: each
 * event is written as the exact bytes the upstream sent, and the caller's slowness pauses the upstream rather than
 * filling memory.
 */
final class StreamRelay {

    private static final byte[] DONE = "data: [DONE]".getBytes();
    private static final byte[] DATA = "data:".getBytes();
    private static final byte[] CONTENT = "\"content\":\"".getBytes();
    private static final byte[] TOOL_CALLS = "\"tool_calls\"".getBytes();
    private static final byte[] REASONING = "\"reasoning_content\":\"".getBytes();
    private static final byte[] USAGE = "\"usage\":{".getBytes();
    private static final byte[] NO_CHOICES = "\"choices\":[]".getBytes();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Exchange exchange;
    private final HttpServerResponse response;
    private final HttpClientResponse upstream;
    private final SseFramer framer = new SseFramer(this::onEvent);
    private boolean sawDone;

    StreamRelay(Exchange exchange, HttpClientResponse upstream) {
        this.exchange = exchange;
        this.response = exchange.response();
        this.upstream = upstream;
    }

    void feed(Buffer chunk) {
        framer.feed(chunk);
        if (response.writeQueueFull()) {
            upstream.pause();
            response.drainHandler(v -> upstream.resume());
        }
    }

    /** Whether the upstream ended its stream properly: {@code [DONE]} seen and no half event left over. */
    boolean endedCleanly() {
        return sawDone && framer.pendingBytes() == 0;
    }

    private void onEvent(Buffer event) {
        if (carriesToken(event)) {
            exchange.firstToken(System.nanoTime());
            exchange.generated();
        } else if (startsWith(event, DONE)) {
            sawDone = true;
        } else if (indexOf(event, USAGE) >= 0) {
            TokenUsage usage = readUsage(event);
            if (usage != null) {
                exchange.usage(usage);
                // The router asked for this chunk for its own accounting; a caller who did not gets the stream it asked for.
                if (!exchange.callerWantsUsage() && indexOf(event, NO_CHOICES) >= 0) {
                    return;
                }
            }
        }
        response.write(event);
    }

    private static TokenUsage readUsage(Buffer event) {
        int start = indexOf(event, DATA);
        if (start < 0) {
            return null;
        }
        try {
            return TokenUsage.fromOpenAi(JSON.readTree(event.getBytes(start + DATA.length, event.length())).get("usage"));
        } catch (IOException | RuntimeException e) {
            return null; // not JSON after all: relay it untouched, estimate the tokens
        }
    }

    /** Whether an event holds generated output (text, reasoning or a tool call), not just the opening role. */
    private static boolean carriesToken(Buffer event) {
        int content = indexOf(event, CONTENT);
        if (content >= 0 && content + CONTENT.length < event.length() && event.getByte(content + CONTENT.length) != '"') {
            return true;
        }
        int reasoning = indexOf(event, REASONING);
        if (reasoning >= 0 && reasoning + REASONING.length < event.length()
                && event.getByte(reasoning + REASONING.length) != '"') {
            return true;
        }
        return indexOf(event, TOOL_CALLS) >= 0;
    }

    private static boolean startsWith(Buffer event, byte[] prefix) {
        if (event.length() < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (event.getByte(i) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    static int indexOf(Buffer haystack, byte[] needle) {
        int last = haystack.length() - needle.length;
        outer:
        for (int i = 0; i <= last; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack.getByte(i + j) != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
