package dev.switchboard.routing;

import dev.switchboard.testing.Simulators;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A 3:1 group over real HTTP: the upstreams see the configured shares. */
@QuarkusTest
class WeightedSpreadTest {

    @Test
    void sendsEachTargetItsWeightsShare() {
        Simulators.reset();
        Map<String, Integer> counts = new HashMap<>();
        int requests = 200;

        for (int i = 0; i < requests; i++) {
            String target = given().contentType(ContentType.JSON)
                    .body("{\"model\":\"spread\",\"messages\":[{\"role\":\"user\",\"content\":\"n" + i + "\"}],\"max_tokens\":1}")
                    .when().post("/v1/chat/completions")
                    .then().statusCode(200).extract().header("X-Switchboard-Target");
            counts.merge(target, 1, Integer::sum);
        }

        // Requests run one at a time here, so smooth weighted round-robin is exact; allow 2% for other tests' traffic.
        assertEquals(150, counts.get("sim-a/qwen"), 4);
        assertEquals(50, counts.get("sim-b/qwen"), 4);
        assertEquals(counts.get("sim-b/qwen"), Simulators.completions("sim-b").size());
    }
}
