package dev.switchboard.upstream;

import dev.switchboard.simulator.Faults;
import dev.switchboard.testing.Simulators;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code switchboard.requests.deadline} over real HTTP, against a server (sim-d) whose own timeouts are the defaults
 * (first byte 60 s, idle 30 s): only the request's deadline can end these requests within seconds.
 */
@QuarkusTest
@TestProfile(DeadlineTest.ShortDeadline.class)
class DeadlineTest {

    public static class ShortDeadline implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("switchboard.requests.deadline", "1s");
        }
    }

    @BeforeEach
    @AfterEach
    void reset() {
        Simulators.reset();
    }

    private static String chat(boolean stream) {
        return "{\"model\":\"chat-only\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello\"}],\"stream\":" + stream
                + "}";
    }

    @Test
    void answers504WhenTheDeadlinePassesBeforeTheFirstByte() {
        Simulators.server("sim-d").faults(Faults.hanging());
        long start = System.nanoTime();

        given().contentType(ContentType.JSON).body(chat(false))
                .when().post("/v1/chat/completions")
                .then().statusCode(504)
                .header("X-Switchboard-Attempts", "1")
                .body("error.code", equalTo("upstream_timeout"));

        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertTrue(millis >= 900 && millis < 10_000, "answered after " + millis + " ms, not at the 1 s deadline");
        await().atMost(Duration.ofSeconds(5)).until(() -> Simulators.server("sim-d").running() == 0);
    }

    @Test
    void endsAStreamWithAnErrorEventWhenTheDeadlinePassesWhileItStreams() {
        Simulators.server("sim-d").faults(Faults.stallingAfter(3));

        String body = given().contentType(ContentType.JSON).body(chat(true))
                .when().post("/v1/chat/completions")
                .then().statusCode(200).extract().asString();

        assertFalse(body.contains("[DONE]"), body);
        assertTrue(body.contains("\"code\":\"deadline_exceeded\""), body);
        await().atMost(Duration.ofSeconds(5)).until(() -> Simulators.server("sim-d").running() == 0);
    }
}
