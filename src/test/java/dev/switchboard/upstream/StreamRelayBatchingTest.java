package dev.switchboard.upstream;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The relay writes what one upstream read brought as one write: an upstream that sends a whole 40-event stream in one
 * network write reaches the caller in a handful of HTTP chunks, not one per event, byte for byte as sent.
 */
@QuarkusTest
@TestProfile(StreamRelayBatchingTest.WithOneWriteUpstream.class)
class StreamRelayBatchingTest {

    /** The test profile plus an upstream that answers in one write, behind the group {@code one-write}. */
    public static class WithOneWriteUpstream implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(OneWriteUpstream.class));
        }
    }

    static final int EVENTS = 40;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void relaysEventsThatArriveTogetherAsOneWrite() throws IOException {
        // given an upstream that writes its whole answer, every event of it, in one network write
        String body = "{\"model\":\"one-write\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        // when a caller streams it through the router
        List<String> chunks = chunkedBody(post(body));
        // then the events arrive in a few chunks (a write each), together exactly the upstream's bytes
        String relayed = String.join("", chunks);
        assertEquals(OneWriteUpstream.STREAM, relayed);
        assertTrue(chunks.size() <= 3, "expected the " + (EVENTS + 2) + " events in at most 3 writes, got "
                + chunks.size());
    }

    private byte[] post(String body) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) TimeUnit.SECONDS.toMillis(10));
            byte[] json = body.getBytes(StandardCharsets.UTF_8);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Connection: close\r\nContent-Length: " + json.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(json);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            return all.toByteArray();
        }
    }

    /** The body's HTTP/1.1 chunks, in order; fails unless the answer is a 200 in chunked encoding. */
    private static List<String> chunkedBody(byte[] response) {
        String text = new String(response, StandardCharsets.UTF_8);
        int headEnd = text.indexOf("\r\n\r\n");
        String head = text.substring(0, headEnd).toLowerCase();
        assertTrue(head.startsWith("http/1.1 200"), head);
        assertTrue(head.contains("transfer-encoding: chunked"), head);
        List<String> chunks = new ArrayList<>();
        int at = headEnd + 4;
        while (true) {
            int lineEnd = text.indexOf("\r\n", at);
            int size = Integer.parseInt(text.substring(at, lineEnd).strip(), 16);
            if (size == 0) {
                return chunks;
            }
            // sizes are bytes; this body is ASCII, so characters and bytes agree
            chunks.add(text.substring(lineEnd + 2, lineEnd + 2 + size));
            at = lineEnd + 2 + size + 2;
        }
    }

    /** An OpenAI-compatible upstream whose streamed answer leaves in a single write. */
    public static class OneWriteUpstream implements QuarkusTestResourceLifecycleManager {

        static final String STREAM = stream();

        private Vertx vertx;

        private static String stream() {
            StringBuilder events = new StringBuilder();
            events.append("data: {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}\n\n");
            for (int i = 0; i < EVENTS; i++) {
                events.append("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"w").append(i)
                        .append(" \"}}]}\n\n");
            }
            events.append("data: {\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":40,"
                    + "\"total_tokens\":43}}\n\n");
            events.append("data: [DONE]\n\n");
            return events.toString();
        }

        @Override
        public Map<String, String> start() {
            vertx = Vertx.vertx();
            HttpServer server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(b ->
                    request.response().putHeader("content-type", "text/event-stream")
                            .putHeader("content-length", Integer.toString(STREAM.length()))
                            .end(STREAM)));
            int port = server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join().actualPort();
            String provider = "switchboard.providers.one-write.";
            return Map.of(provider + "base_url", "http://127.0.0.1:" + port + "/v1",
                    provider + "probe.enabled", "false",
                    provider + "models.m.model", "one-write-upstream",
                    "switchboard.model_groups.one-write.targets[0].provider", "one-write",
                    "switchboard.model_groups.one-write.targets[0].model_ref", "m");
        }

        @Override
        public void stop() {
            vertx.close();
        }
    }
}
