package dev.switchboard.simulator;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;

/** The {@code /sim/*} endpoints' JSON: received requests, and faults with snake_case keys. */
final class SimulatorAdmin {

    private SimulatorAdmin() {
    }

    static Buffer requestsJson(List<ReceivedRequest> requests) {
        JsonArray array = new JsonArray();
        for (ReceivedRequest request : requests) {
            array.add(new JsonObject()
                    .put("method", request.method())
                    .put("path", request.path())
                    .put("headers", new JsonObject(new LinkedHashMap<>(request.headers())))
                    .put("body", request.body()));
        }
        return array.toBuffer();
    }

    static Buffer faultsJson(Faults faults) {
        return new JsonObject()
                .put("status", faults.status())
                .put("rate", faults.rate())
                .put("retry_after_seconds", faults.retryAfterSeconds())
                .put("hang", faults.hang())
                .put("cut_after_chunks", faults.cutAfterChunks())
                .put("stall_after_chunks", faults.stallAfterChunks())
                .put("unhealthy", faults.unhealthy())
                .toBuffer();
    }

    /** {@code PUT /sim/faults}: keys left out mean "no such fault". Answers the faults now in force. */
    static void replaceFaults(SimulatedServer server, HttpServerResponse response, Buffer body) {
        JsonObject json = RequestBodies.parse(body, response, ErrorShape.OPENAI);
        if (json == null) {
            return;
        }
        Faults faults;
        try {
            faults = new Faults(
                    json.getInteger("status", 0),
                    json.getDouble("rate", 0.0),
                    json.getLong("retry_after_seconds", 0L),
                    json.getBoolean("hang", false),
                    json.getInteger("cut_after_chunks", 0),
                    json.getInteger("stall_after_chunks", 0),
                    json.getBoolean("unhealthy", false));
        } catch (IllegalArgumentException | ClassCastException e) {
            ErrorShape.OPENAI.send(response, 400, "Invalid faults: " + e.getMessage(), null);
            return;
        }
        server.faults(faults);
        SimulatedServer.json(response, 200, faultsJson(faults));
    }
}
