package dev.switchboard.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Starts simulators on ephemeral ports and talks to them over real HTTP; closes everything after each test. */
final class SimulatorHarness implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final List<SimulatedServer> servers = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    SimulatedServer start(SimulatorSettings settings) {
        SimulatedServer server = await(SimulatedServer.start(vertx, settings));
        servers.add(server);
        return server;
    }

    /** A fast server: 1 ms to first token, no delay between tokens. */
    SimulatedServer startFast(int outputTokens) {
        return start(SimulatorSettings.defaults("sim-test", 0).withTtftMillis(1).withInterTokenMillis(0)
                .withOutputTokens(outputTokens));
    }

    Vertx vertx() {
        return vertx;
    }

    HttpResponse<String> post(SimulatedServer server, String path, String body) {
        return send(HttpRequest.newBuilder(uri(server, path)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    HttpResponse<String> get(SimulatedServer server, String path) {
        return send(HttpRequest.newBuilder(uri(server, path)).GET());
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError("request failed: " + e, e);
        }
    }

    HttpClient client() {
        return http;
    }

    static URI uri(SimulatedServer server, String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    /** The JSON payloads of an SSE body, after checking every event is exactly {@code data: <payload>\n\n}. */
    static List<String> events(String body) {
        assertTrue(body.endsWith("\n\n"), "an SSE body ends with a blank line: " + body);
        List<String> payloads = new ArrayList<>();
        for (String event : body.substring(0, body.length() - 2).split("\n\n", -1)) {
            assertTrue(event.startsWith("data: ") && !event.contains("\n"), "malformed SSE event: [" + event + "]");
            payloads.add(event.substring("data: ".length()));
        }
        return payloads;
    }

    /** The chunks of a chat stream, without the final {@code [DONE]} (which must be last). */
    static List<JsonObject> chatChunks(String body) {
        List<String> payloads = events(body);
        assertEquals("[DONE]", payloads.getLast(), "[DONE] is the last event");
        List<JsonObject> chunks = new ArrayList<>();
        for (String payload : payloads.subList(0, payloads.size() - 1)) {
            chunks.add(new JsonObject(payload));
        }
        return chunks;
    }

    /** One SSE event of a dialect that names its events (Anthropic, Responses). */
    record NamedEvent(String name, JsonObject data) {
    }

    /** The events of an SSE body, after checking each is exactly {@code event: <name>\ndata: <json>\n\n}. */
    static List<NamedEvent> namedEvents(String body) {
        assertTrue(body.endsWith("\n\n"), "an SSE body ends with a blank line: " + body);
        List<NamedEvent> events = new ArrayList<>();
        for (String event : body.substring(0, body.length() - 2).split("\n\n", -1)) {
            String[] lines = event.split("\n", -1);
            assertTrue(lines.length == 2 && lines[0].startsWith("event: ") && lines[1].startsWith("data: "),
                    "malformed SSE event: [" + event + "]");
            events.add(new NamedEvent(lines[0].substring("event: ".length()),
                    new JsonObject(lines[1].substring("data: ".length()))));
        }
        return events;
    }

    static JsonObject chat(String model, String userText) {
        return new JsonObject().put("model", model).put("messages",
                new JsonArray().add(new JsonObject().put("role", "user").put("content", userText)));
    }

    static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("future failed: " + e, e);
        }
    }

    @Override
    public void close() {
        for (SimulatedServer server : servers) {
            await(server.close());
        }
        await(vertx.close());
    }
}
