package dev.switchboard.redis;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/** Redis off and nothing listening where quarkus.redis.hosts points: readiness does not look at Redis at all. */
@QuarkusTest
@TestProfile(RedisOffReadinessTest.RedisOffAndAway.class)
class RedisOffReadinessTest {

    /** Redis shared state off; the client's address a closed port. */
    public static class RedisOffAndAway implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("switchboard.redis.enabled", "false",
                    "quarkus.redis.hosts", "redis://127.0.0.1:" + ClosedPort.PORT);
        }
    }

    @Test
    void isReadyWithoutARedisCheck() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("model-groups"))
                .body("checks.name", not(hasItem("redis")))
                .body("checks.name", not(hasItem("Redis connection health check")));
    }
}
