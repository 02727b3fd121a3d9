package dev.switchboard.usage;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A burst of requests over real HTTP leaves exactly one row per request. */
@QuarkusTest
class UsageBurstTest {

    private static final int REQUESTS = 3000;
    private static final int CLIENTS = 32;

    @Inject
    UsageDatabase database;

    @Inject
    UsageRecorder recorder;

    @TestHTTPResource("/v1/chat/completions")
    URL endpoint;

    @Test
    void aBurstOfThreeThousandRequestsFromThirtyTwoClientsLosesNoRow() throws Exception {
        String prefix = UsageTesting.requestId("burst") + "-";
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        byte[] body = UsageTesting.chat("llama", false).getBytes();
        List<Future<Integer>> statuses = new ArrayList<>(REQUESTS);

        try (ExecutorService clients = Executors.newFixedThreadPool(CLIENTS)) {
            for (int i = 0; i < REQUESTS; i++) {
                HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint.toString()))
                        .header("Content-Type", "application/json").header("X-Request-Id", prefix + i)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
                statuses.add(clients.submit(() -> client.send(request, HttpResponse.BodyHandlers.discarding())
                        .statusCode()));
            }
        }

        for (Future<Integer> status : statuses) {
            assertEquals(200, status.get());
        }
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> UsageCounting.rowsAndDistinctRequests(database, prefix)[0] >= REQUESTS
                        && recorder.queueDepth() == 0 && recorder.journalRows() == 0);
        assertArrayEquals(new long[] {REQUESTS, REQUESTS}, UsageCounting.rowsAndDistinctRequests(database, prefix));
    }
}
