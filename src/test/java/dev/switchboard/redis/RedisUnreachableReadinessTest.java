package dev.switchboard.redis;

import dev.switchboard.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * Redis on but unreachable: the router stays ready (an outage must not take every replica out of its Service), serves
 * requests on its own state, and shows the outage in the readiness data and in {@code switchboard_redis_up}.
 */
@QuarkusTest
@TestProfile(RedisUnreachableReadinessTest.RedisOnAndAway.class)
class RedisUnreachableReadinessTest {

    /** Redis shared state on; its address a closed port; outages re-checked every 200 ms. */
    public static class RedisOnAndAway implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("switchboard.redis.enabled", "true",
                    "switchboard.redis.retry_after", "200ms",
                    "quarkus.redis.hosts", "redis://127.0.0.1:" + ClosedPort.PORT);
        }
    }

    @Test
    void staysReadyAndShowsTheOutage() {
        // given Redis configured but nothing answering; when readiness is asked, then it is up, the outage visible
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("redis"))
                .body("checks.find { it.name == 'redis' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'redis' }.data.state", equalTo("unreachable"))
                .body("checks.find { it.name == 'redis' }.data.detail", containsString("this replica's own state")));
        TestTokens.admin().when().get("/metrics").then().statusCode(200)
                .body(containsString("switchboard_redis_up 0.0"));
    }

    @Test
    void servesRequestsOnItsOwnStateMeanwhile() {
        for (int i = 0; i < 3; i++) {
            given().contentType(ContentType.JSON).header("Authorization", "Bearer " + TestTokens.EVERYTHING)
                    .body("{\"model\":\"llama\",\"max_tokens\":2,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                    .when().post("/v1/chat/completions").then().statusCode(200);
        }
    }
}
