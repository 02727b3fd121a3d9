package dev.switchboard.usage;

import dev.switchboard.testing.Simulators;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.switchboard.usage.UsageTesting.requestId;
import static dev.switchboard.usage.UsageTesting.rowOf;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A translated request's usage row: the caller's dialect, the Chat upstream that served it, its images and tokens. */
@QuarkusTest
class UsageOfTranslatedRequestsTest {

    @BeforeEach
    void reset() {
        Simulators.reset();
    }

    @Test
    void recordsAnAnthropicRequestServedByAChatUpstreamWithItsImages() {
        String id = requestId("images");

        given().contentType(ContentType.JSON).header("X-Request-Id", id)
                .body("{\"model\":\"chat-only\",\"max_tokens\":50,\"messages\":[{\"role\":\"user\",\"content\":["
                        + "{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/png\","
                        + "\"data\":\"iVBORw0KGgo=\"}},{\"type\":\"image\",\"source\":{\"type\":\"url\","
                        + "\"url\":\"https://images.example.com/a.png\"}},{\"type\":\"text\",\"text\":\"Compare\"}]}]}")
                .when().post("/v1/messages")
                .then().statusCode(200);

        Map<String, Object> row = rowOf(id);
        assertEquals("anthropic", row.get("dialect"));
        assertEquals("sim-d-chat", row.get("provider"));
        assertEquals(2, row.get("image_count"));
        assertEquals(12, row.get("completion_tokens"));
    }
}
