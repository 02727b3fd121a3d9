package dev.switchboard.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SimulatorAdminTest {

    private final SimulatorHarness harness = new SimulatorHarness();

    @AfterEach
    void closeServers() {
        harness.close();
    }

    @Test
    void recordsReceivedRequestsWithBodyAndLowerCaseHeaders() {
        SimulatedServer server = harness.startFast(2);
        String body = SimulatorHarness.chat("demo-model", "Remember me.").encode();

        harness.send(HttpRequest.newBuilder(SimulatorHarness.uri(server, "/v1/chat/completions"))
                .header("X-Request-Id", "req-42").header("Authorization", "Bearer upstream-key")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        HttpResponse<String> listed = harness.get(server, "/sim/requests");

        List<ReceivedRequest> recent = server.recentRequests();
        assertEquals(1, recent.size());
        ReceivedRequest received = recent.getFirst();
        assertEquals("POST", received.method());
        assertEquals("/v1/chat/completions", received.path());
        assertEquals(body, received.body());
        assertEquals("req-42", received.headers().get("x-request-id"));
        assertEquals("Bearer upstream-key", received.headers().get("authorization"));
        JsonArray json = new JsonArray(listed.body());
        assertEquals(1, json.size(), "/sim/* calls are not recorded");
        assertEquals(body, json.getJsonObject(0).getString("body"));
        assertEquals("req-42", json.getJsonObject(0).getJsonObject("headers").getString("x-request-id"));
    }

    @Test
    void deleteClearsRecordedRequests() {
        SimulatedServer server = harness.startFast(2);
        harness.get(server, "/v1/models");

        HttpResponse<String> deleted = harness.send(HttpRequest.newBuilder(SimulatorHarness.uri(server,
                "/sim/requests")).DELETE());

        assertEquals(204, deleted.statusCode());
        assertTrue(server.recentRequests().isEmpty());
        assertEquals("[]", harness.get(server, "/sim/requests").body());
    }

    @Test
    void keepsOnlyTheLast200Requests() {
        SimulatedServer server = harness.startFast(2);

        for (int i = 0; i < 205; i++) {
            harness.get(server, "/v1/models?i=" + i);
        }

        List<ReceivedRequest> recent = server.recentRequests();
        assertEquals(200, recent.size());
        assertEquals("/v1/models", recent.getLast().path());
    }

    @Test
    void replacesFaultsThroughPutAndReadsThemBack() {
        SimulatedServer server = harness.startFast(2);
        String faults = new JsonObject().put("status", 503).put("rate", 1.0).put("retry_after_seconds", 7)
                .put("stall_after_chunks", 4).encode();

        HttpResponse<String> put = harness.send(HttpRequest.newBuilder(SimulatorHarness.uri(server, "/sim/faults"))
                .PUT(HttpRequest.BodyPublishers.ofString(faults)));
        HttpResponse<String> read = harness.get(server, "/sim/faults");
        HttpResponse<String> inference = harness.post(server, "/v1/chat/completions",
                SimulatorHarness.chat("demo-model", "x").encode());

        assertEquals(200, put.statusCode());
        assertEquals(new Faults(503, 1.0, 7, false, 0, 4, false), server.faults());
        JsonObject json = new JsonObject(read.body());
        assertEquals(503, json.getInteger("status"));
        assertEquals(7, json.getInteger("retry_after_seconds"));
        assertEquals(false, json.getBoolean("hang"));
        assertEquals(0, json.getInteger("cut_after_chunks"));
        assertEquals(4, json.getInteger("stall_after_chunks"));
        assertEquals(false, json.getBoolean("unhealthy"));
        assertEquals(503, inference.statusCode());
        assertEquals("7", inference.headers().firstValue("retry-after").orElseThrow());
    }

    @Test
    void refusesFaultsOutOfRange() {
        SimulatedServer server = harness.startFast(2);

        HttpResponse<String> put = harness.send(HttpRequest.newBuilder(SimulatorHarness.uri(server, "/sim/faults"))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"status\":503,\"rate\":2}")));

        assertEquals(400, put.statusCode());
        assertEquals(Faults.NONE, server.faults());
    }
}
