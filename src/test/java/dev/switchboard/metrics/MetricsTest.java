package dev.switchboard.metrics;

import dev.switchboard.simulator.Faults;
import dev.switchboard.testing.Simulators;
import dev.switchboard.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code /metrics} after real traffic: the documented names and labels, and nothing from the requests in labels. */
@QuarkusTest
class MetricsTest {

    @AfterEach
    void reset() {
        Simulators.reset();
    }

    private static void ask(String group, boolean stream) {
        given().contentType(ContentType.JSON).header("X-Tenant-ID", "tenant-zq7").header("X-Request-Id", "rid-zq7")
                .body("{\"model\":\"" + group + "\",\"stream\":" + stream
                        + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .when().post("/v1/chat/completions").then().extract().statusCode();
    }

    private static double value(String metrics, String series) {
        Matcher m = Pattern.compile("^" + Pattern.quote(series) + " ([0-9.eE+-]+)$", Pattern.MULTILINE).matcher(metrics);
        assertTrue(m.find(), "no series " + series + " in\n" + metrics.lines()
                .filter(l -> l.startsWith("switchboard_")).reduce("", (a, b) -> a + b + "\n"));
        return Double.parseDouble(m.group(1));
    }

    @Test
    void exportsRequestsLatencyTokensAttemptsAndHealth() {
        String before = TestTokens.admin().when().get("/metrics").then().statusCode(200).extract().asString();
        double okBefore = before.contains("switchboard_requests_total{dialect=\"openai-chat\",group=\"llama\",status=\"200\",target=\"sim-c/llama\"}")
                ? value(before, "switchboard_requests_total{dialect=\"openai-chat\",group=\"llama\",status=\"200\",target=\"sim-c/llama\"}") : 0;
        ask("llama", true);
        ask("llama", false);
        ask("unreachable", false);
        Simulators.server("sim-a").faults(Faults.failing(503, 1.0));
        for (int i = 0; i < 2; i++) {
            ask("chat", false);
        }

        String metrics = TestTokens.admin().when().get("/metrics").then().statusCode(200).extract().asString();

        assertTrue(value(metrics, "switchboard_requests_total{dialect=\"openai-chat\",group=\"llama\",status=\"200\",target=\"sim-c/llama\"}") >= okBefore + 2);
        assertTrue(value(metrics, "switchboard_requests_total{dialect=\"openai-chat\",group=\"unreachable\",status=\"502\",target=\"nowhere/qwen\"}") >= 1);
        assertTrue(value(metrics, "switchboard_time_to_first_token_seconds_count{dialect=\"openai-chat\",group=\"llama\",target=\"sim-c/llama\"}") >= 2);
        assertTrue(metrics.contains("switchboard_time_to_first_token_seconds_bucket{dialect=\"openai-chat\",group=\"llama\",target=\"sim-c/llama\",le="));
        assertTrue(value(metrics, "switchboard_request_duration_seconds_count{dialect=\"openai-chat\",group=\"unreachable\",target=\"nowhere/qwen\"}") >= 1);
        assertTrue(value(metrics, "switchboard_tokens_total{direction=\"out\",group=\"llama\",target=\"sim-c/llama\"}") >= 24);
        assertTrue(value(metrics, "switchboard_attempts_total{group=\"unreachable\",outcome=\"connect_error\",target=\"nowhere/qwen\"}") >= 1);
        assertTrue(value(metrics, "switchboard_attempts_total{group=\"chat\",outcome=\"upstream_5xx\",target=\"sim-a/qwen\"}") >= 1);
        assertTrue(value(metrics, "switchboard_fallbacks_total{group=\"chat\"}") >= 1);
        assertTrue(value(metrics, "switchboard_target_up{group=\"llama\",target=\"sim-c/llama\"}") == 1);
        assertTrue(metrics.contains("switchboard_target_ejections_total{target=\"sim-a/qwen\"}"), metrics.lines().filter(l -> l.contains("eject")).toList().toString());
        assertTrue(metrics.contains("switchboard_inflight_requests{group=\"chat\"}"));
        assertFalse(metrics.contains("tenant-zq7"), "tenant in a label");
        assertFalse(metrics.contains("rid-zq7"), "request id in a label");
    }
}
