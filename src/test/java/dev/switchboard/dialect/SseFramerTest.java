package dev.switchboard.dialect;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SseFramerTest {

    private static final String STREAM = "data: {\"a\":1}\n\n"
            + "event: ping\r\ndata: {}\r\n\r\n"
            + "data: {\"b\":\"x\\n\"}\n\n"
            + "data: [DONE]\n\n";

    @Test
    void splitsEventsKeepingTheirExactBytesWhateverTheChunking() {
        for (int size = 1; size <= STREAM.length(); size++) {
            List<String> events = new ArrayList<>();
            SseFramer framer = new SseFramer(event -> events.add(event.toString()));

            for (int at = 0; at < STREAM.length(); at += size) {
                framer.feed(Buffer.buffer(STREAM.substring(at, Math.min(STREAM.length(), at + size))));
            }

            assertEquals(List.of("data: {\"a\":1}\n\n", "event: ping\r\ndata: {}\r\n\r\n",
                    "data: {\"b\":\"x\\n\"}\n\n", "data: [DONE]\n\n"), events, "chunk size " + size);
            assertEquals(0, framer.pendingBytes());
        }
    }

    @Test
    void keepsAnUnfinishedEventPending() {
        List<String> events = new ArrayList<>();
        SseFramer framer = new SseFramer(event -> events.add(event.toString()));

        framer.feed(Buffer.buffer("data: {\"a\":1}\n\ndata: {\"b\""));

        assertEquals(List.of("data: {\"a\":1}\n\n"), events);
        assertEquals("data: {\"b\"".length(), framer.pendingBytes());
    }
}
