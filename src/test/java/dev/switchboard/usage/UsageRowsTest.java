package dev.switchboard.usage;

import dev.switchboard.dialect.Dialect;
import dev.switchboard.dialect.JsonBody;
import dev.switchboard.routing.RouteRequest;
import dev.switchboard.routing.Routing;
import dev.switchboard.simulator.Faults;
import dev.switchboard.testing.Simulators;
import dev.switchboard.upstream.Exchange;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static dev.switchboard.usage.UsageTesting.requestId;
import static dev.switchboard.usage.UsageTesting.rowOf;
import static dev.switchboard.usage.UsageTesting.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One usage row per request, over real HTTP, with what happened to it: success, fallback, failure, cancel. */
@QuarkusTest
class UsageRowsTest {

    @Inject
    Routing routing;

    @TestHTTPResource
    URL router;

    @BeforeEach
    void reset() {
        Simulators.reset();
    }

    @Test
    void recordsASuccessfulRequestWithReportedTokens() {
        String id = requestId("ok");

        assertEquals(200, send("llama", false, id));

        Map<String, Object> row = rowOf(id);
        assertEquals("anonymous", row.get("caller"));
        assertEquals("openai-chat", row.get("dialect"));
        assertEquals("llama", row.get("model_group"));
        assertEquals("sim-c", row.get("provider"));
        assertEquals("llama", row.get("model_ref"));
        assertEquals("llama-upstream", row.get("upstream_model"));
        assertEquals(1, row.get("attempts"));
        assertEquals("sim-c/llama:ok", row.get("attempt_log"));
        assertEquals(false, row.get("fallback"));
        assertEquals(200, row.get("status"));
        assertNull(row.get("error_class"));
        assertEquals(false, row.get("stream"));
        assertNull(row.get("ttft_ms"), "no time to first token for a whole answer");
        assertTrue(((Number) row.get("latency_ms")).doubleValue() > 0);
        assertTrue(((Number) row.get("prompt_tokens")).longValue() > 0);
        assertEquals(12, ((Number) row.get("completion_tokens")).intValue());
        assertEquals(false, row.get("tokens_estimated"));
        assertEquals(0.0, ((Number) row.get("cost_usd")).doubleValue(), "the test targets have no prices");
        assertNull(row.get("prompt"), "content is not captured unless asked for");
        assertTrue(((String) row.get("id")).matches("[0-9a-f]{32}"));
    }

    @Test
    void recordsAStreamedRequestWithTimeToFirstToken() {
        String id = requestId("stream");

        assertEquals(200, send("llama", true, id));

        Map<String, Object> row = rowOf(id);
        assertEquals(true, row.get("stream"));
        Number ttft = (Number) row.get("ttft_ms");
        assertNotNull(ttft);
        assertTrue(ttft.doubleValue() > 0 && ttft.doubleValue() <= ((Number) row.get("latency_ms")).doubleValue());
        assertEquals(12, ((Number) row.get("completion_tokens")).intValue());
        assertEquals(false, row.get("tokens_estimated"), "the router asked the upstream for the usage chunk");
    }

    @Test
    void recordsEachAttemptWhenTheFirstTargetFailsAndTheNextAnswers() {
        Simulators.server("sim-a").faults(Faults.failing(503, 1.0));
        // Equal weights alternate between sim-a and sim-b, so one of the first two requests starts on the failing
        // sim-a and falls back; a few more cover a health check that has meanwhile taken sim-a out.
        Map<String, Object> fellBack = null;
        Map<String, Object> direct = null;
        for (int i = 0; i < 4 && (fellBack == null || direct == null); i++) {
            String id = requestId("fallback");
            assertEquals(200, send("chat", false, id));
            Map<String, Object> row = rowOf(id);
            if ((Integer) row.get("attempts") == 2) {
                fellBack = row;
            } else {
                direct = row;
            }
        }

        assertNotNull(fellBack, "no request fell back from sim-a to sim-b");
        assertEquals("sim-a/qwen:upstream_5xx,sim-b/qwen:ok", fellBack.get("attempt_log"));
        assertEquals(true, fellBack.get("fallback"));
        assertEquals("sim-b", fellBack.get("provider"));
        assertEquals(200, fellBack.get("status"));
        assertNull(fellBack.get("error_class"));
        assertNotNull(direct);
        assertEquals("sim-b/qwen:ok", direct.get("attempt_log"));
        assertEquals(false, direct.get("fallback"));
    }

    @Test
    void recordsAnUnreachableUpstreamAsAFailureWithoutTokensOrCost() {
        String id = requestId("down");

        assertEquals(502, send("unreachable", false, id));

        Map<String, Object> row = rowOf(id);
        assertEquals(502, row.get("status"));
        assertEquals("connect_error", row.get("error_class"));
        assertEquals("nowhere/qwen:connect_error", row.get("attempt_log"));
        assertEquals("nowhere", row.get("provider"));
        assertEquals(0, ((Number) row.get("prompt_tokens")).intValue());
        assertEquals(0, ((Number) row.get("completion_tokens")).intValue());
        assertEquals(0.0, ((Number) row.get("cost_usd")).doubleValue());
    }

    @Test
    void recordsACallerWhoHangsUpMidStreamAsCancelledWithEstimatedTokens() throws Exception {
        String id = requestId("hangup");

        UsageTesting.startStreamAndHangUp(router.getPort(), "faulty", id);

        Map<String, Object> row = rowOf(id);
        assertEquals("cancelled", row.get("error_class"));
        assertEquals(200, row.get("status"), "the answer had started when the caller left");
        assertEquals(true, row.get("stream"));
        assertNotNull(row.get("ttft_ms"));
        assertEquals(true, row.get("tokens_estimated"), "the usage chunk never came");
        long completion = ((Number) row.get("completion_tokens")).longValue();
        assertTrue(completion >= 1 && completion < 50, "only what was generated before the hang-up: " + completion);
    }

    @Test
    void capturesTheRequestBodyOnlyWhenAskedTo() {
        byte[] body = "{\"model\":\"llama\",\"messages\":[{\"role\":\"user\",\"content\":\"d\u00e9j\u00e0 vu\"}]}"
                .getBytes(StandardCharsets.UTF_8);
        Exchange exchange = new Exchange(null, Dialect.OPENAI_CHAT, "capture-1", routing.group("llama"),
                JsonBody.parse(body), new RouteRequest(false), false, System.nanoTime());

        UsageRow captured = UsageRecorder.row(exchange, UsageRecorder.newId(exchange.startedAtMillis()), true);
        UsageRow plain = UsageRecorder.row(exchange, UsageRecorder.newId(exchange.startedAtMillis()), false);

        assertEquals(new String(body, StandardCharsets.UTF_8), captured.prompt());
        assertNull(plain.prompt());
        assertFalse(captured.id().equals(plain.id()), "every row gets its own id");
        assertEquals("no_eligible_target", plain.errorClass(), "no attempt was made");
    }
}
