package dev.switchboard.simulator;

import static dev.switchboard.simulator.SimulatorHarness.chat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FaultInjectionTest {

    private final SimulatorHarness harness = new SimulatorHarness();

    @AfterEach
    void closeServers() {
        harness.close();
    }

    @Test
    void failsExactlyEveryOtherRequestAtRateOneHalfWithRetryAfter() {
        SimulatedServer server = harness.startFast(2);
        server.faults(Faults.failing(429, 0.5).withRetryAfterSeconds(3));

        List<Integer> statuses = new ArrayList<>();
        HttpResponse<String> failed = null;
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> response = harness.post(server, "/v1/chat/completions",
                    chat("demo-model", "Request " + i).encode());
            statuses.add(response.statusCode());
            if (response.statusCode() == 429) {
                failed = response;
            }
        }

        assertEquals(List.of(200, 429, 200, 429, 200, 429, 200, 429, 200, 429), statuses);
        assertEquals("3", failed.headers().firstValue("retry-after").orElseThrow());
        JsonObject error = new JsonObject(failed.body()).getJsonObject("error");
        assertEquals("RateLimitError", error.getString("type"));
        assertEquals(429, error.getInteger("code"));
        assertTrue(error.containsKey("message") && error.containsKey("param"));
    }

    @Test
    void failsEveryRequestAtRateOneAndLeavesNonInferencePathsAlone() {
        SimulatedServer server = harness.startFast(2);
        server.faults(Faults.failing(503, 1.0));

        HttpResponse<String> first = harness.post(server, "/v1/chat/completions", chat("demo-model", "a").encode());
        HttpResponse<String> second = harness.post(server, "/v1/chat/completions", chat("demo-model", "b").encode());

        assertEquals(503, first.statusCode());
        assertEquals(503, second.statusCode());
        assertTrue(first.headers().firstValue("retry-after").isEmpty());
        assertEquals(200, harness.get(server, "/v1/models").statusCode());
        assertEquals(200, harness.get(server, "/health").statusCode());
    }

    @Test
    void answers503OnHealthWhenUnhealthy() {
        SimulatedServer server = harness.startFast(2);
        server.faults(Faults.unhealthyOnly());

        assertEquals(503, harness.get(server, "/health").statusCode());
        assertEquals(200, harness.post(server, "/v1/chat/completions", chat("demo-model", "a").encode()).statusCode());
    }

    @Test
    void cutsTheConnectionAfterTheConfiguredChunksWithoutDone() throws IOException {
        SimulatedServer server = harness.start(SimulatorSettings.defaults("sim-cut", 0).withTtftMillis(1)
                .withInterTokenMillis(1).withOutputTokens(20));
        server.faults(Faults.cuttingAfter(3));

        String raw = exchange(server, chat("demo-model", "Stream").put("stream", true).encode());

        assertTrue(raw.startsWith("HTTP/1.1 200"), raw);
        assertEquals(3, raw.split("data: ", -1).length - 1, "exactly 3 events before the cut: " + raw);
        assertFalse(raw.contains("[DONE]"));
        assertFalse(raw.endsWith("0\r\n\r\n"), "no chunked terminator: the stream was cut");
        await().atMost(Duration.ofSeconds(5)).until(() -> server.running() == 0);
    }

    @Test
    void hangingRequestHoldsItsSlotUntilTheClientLeaves() throws IOException {
        SimulatedServer server = harness.startFast(2);
        server.faults(Faults.hanging());

        try (Socket socket = openRequest(server, chat("demo-model", "Anyone?").put("stream", true).encode())) {
            await().atMost(Duration.ofSeconds(5)).until(() -> server.running() == 1);
            socket.setSoTimeout(300);
            assertEquals(-1, readOrTimeout(socket.getInputStream()), "no byte of an answer arrives");
            assertEquals(1, server.running());
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> server.running() == 0);
    }

    @Test
    void clientLeavingMidStreamStopsTheGeneration() throws IOException {
        SimulatedServer server = harness.start(SimulatorSettings.defaults("sim-leave", 0).withTtftMillis(1)
                .withInterTokenMillis(50).withOutputTokens(1000));

        try (Socket socket = openRequest(server, chat("demo-model", "Long").put("stream", true).encode())) {
            socket.getInputStream().read(); // the stream has started
            assertEquals(1, server.running());
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> server.running() == 0);
    }

    /** Sends one request on a fresh connection and reads until the server closes it. */
    private static String exchange(SimulatedServer server, String body) throws IOException {
        try (Socket socket = openRequest(server, body)) {
            socket.setSoTimeout(10_000);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                socket.getInputStream().transferTo(out);
            } catch (SocketException reset) {
                // an abrupt close may surface as a reset; what was read so far is the answer
            }
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    private static Socket openRequest(SimulatedServer server, String body) throws IOException {
        Socket socket = new Socket("127.0.0.1", server.port());
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + bytes.length + "\r\n\r\n";
        socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
        return socket;
    }

    private static int readOrTimeout(InputStream in) throws IOException {
        try {
            return in.read();
        } catch (java.net.SocketTimeoutException nothing) {
            return -1;
        }
    }
}
