package dev.switchboard.usage;

import dev.switchboard.testing.Simulators;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Usage rows in PostgreSQL: what a row holds there, and that none is lost while the database is away. */
@QuarkusTest
@TestProfile(PostgresUsageProfile.class)
@ExtendWith(PostgresUsageProfile.Required.class)
class UsageOutageOnPostgresTest {

    @Inject
    UsageDatabase database;

    @Inject
    UsageRecorder recorder;

    @Inject
    MeterRegistry registry;

    @BeforeEach
    void reset() {
        Simulators.reset();
    }

    @Test
    void recordsARowWithItsCostAtTheTargetsPrices() {
        String id = UsageTesting.requestId("pg-ok");

        assertEquals(200, UsageTesting.send("llama", false, id));

        Map<String, Object> row = UsageTesting.rowOf(id);
        long prompt = ((Number) row.get("prompt_tokens")).longValue();
        long completion = ((Number) row.get("completion_tokens")).longValue();
        BigDecimal expected = BigDecimal.valueOf(prompt * PostgresUsageProfile.INPUT_PRICE
                        + completion * PostgresUsageProfile.OUTPUT_PRICE)
                .movePointLeft(6).setScale(UsageCost.SCALE, RoundingMode.HALF_UP);
        assertEquals(0, expected.compareTo(new BigDecimal(row.get("cost_usd").toString())),
                "cost " + row.get("cost_usd") + " for " + prompt + " in, " + completion + " out");
        assertTrue(expected.signum() > 0);
        assertEquals("sim-c/llama:ok", row.get("attempt_log"));
    }

    @Test
    void rowsOfRequestsServedWhileTheDatabaseIsUnreachableArriveExactlyOnceWhenItIsBack() throws Exception {
        int requests = 40;
        String prefix = UsageTesting.requestId("outage") + "-";
        TcpProxy proxy = PostgresUsageProfile.Proxy.proxy();
        await().atMost(Duration.ofSeconds(10)).until(() -> recorder.journalRows() == 0 && recorder.queueDepth() == 0);

        proxy.stop();
        try {
            for (int i = 0; i < requests; i++) {
                assertEquals(200, UsageTesting.send("llama", i % 2 == 0, prefix + i), "the router keeps serving");
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> recorder.journalRows() == requests);
            assertEquals(requests, registry.get("switchboard.usage.journal.rows").gauge().value());
            UsageTesting.admin().when().get("/admin/usage?request_id=" + prefix + "0").then().statusCode(503)
                    .body("error.message", containsString("journal"));
        } finally {
            proxy.start();
        }

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> recorder.journalRows() == 0);
        assertArrayEquals(new long[] {requests, requests}, UsageCounting.rowsAndDistinctRequests(database, prefix));
        String metrics = UsageTesting.metrics();
        assertTrue(metrics.contains("switchboard_usage_journal_rows 0.0"), "Prometheus names the gauge");
        assertTrue(metrics.contains("switchboard_usage_queue_depth"), "Prometheus names the gauge");
    }
}
