package dev.switchboard.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** With tracing on: a span per request and per attempt, carrying the GenAI attributes and the request id. */
@QuarkusTest
@TestProfile(TracingTest.TracingOn.class)
class TracingTest {

    /** The SDK on, exporting quickly to the in-memory exporter. */
    public static class TracingOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.otel.sdk.disabled", "false", "quarkus.otel.bsp.schedule.delay", "20ms");
        }
    }

    @Inject
    InMemorySpanExporter exporter;

    @Test
    void recordsTheRequestAndEachAttemptWithGenAiAttributes() {
        given().contentType(ContentType.JSON).header("X-Request-Id", "trace-me-1")
                .body("{\"model\":\"llama\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .when().post("/v1/chat/completions").then().statusCode(200);

        await().atMost(Duration.ofSeconds(5)).until(() -> find("chat llama") != null);
        SpanData request = find("chat llama");
        assertEquals("trace-me-1", request.getAttributes().get(AttributeKey.stringKey("switchboard.request_id")));
        assertEquals("llama", request.getAttributes().get(AttributeKey.stringKey("gen_ai.request.model")));
        assertEquals("llama-upstream", request.getAttributes().get(AttributeKey.stringKey("gen_ai.response.model")));
        assertEquals("openai", request.getAttributes().get(AttributeKey.stringKey("gen_ai.system")));
        assertEquals(12L, request.getAttributes().get(AttributeKey.longKey("gen_ai.usage.output_tokens")));
        List<SpanData> attempts = exporter.getFinishedSpanItems().stream()
                .filter(s -> s.getParentSpanId().equals(request.getSpanId())).toList();
        assertEquals(1, attempts.size());
        assertEquals("attempt sim-c/llama", attempts.get(0).getName());
        assertEquals("ok", attempts.get(0).getAttributes().get(AttributeKey.stringKey("switchboard.outcome")));
    }

    private SpanData find(String name) {
        return exporter.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).findFirst().orElse(null);
    }
}
