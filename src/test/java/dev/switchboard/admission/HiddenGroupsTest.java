package dev.switchboard.admission;

import dev.switchboard.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** With {@code hide_forbidden_groups}, a group the caller may not use looks exactly like one that does not exist. */
@QuarkusTest
@TestProfile(HiddenGroupsTest.Hidden.class)
class HiddenGroupsTest {

    /** Tokens required, forbidden groups hidden. */
    public static class Hidden implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("switchboard.access.anonymous", "false", "switchboard.access.hide_forbidden_groups", "true");
        }
    }

    private static String ask(String group) {
        return given().contentType(ContentType.JSON).header("Authorization", "Bearer " + TestTokens.SEARCH)
                .body("{\"model\":\"" + group + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .when().post("/v1/chat/completions")
                .then().statusCode(404).body("error.code", equalTo("model_not_found")).extract().path("error.message");
    }

    @Test
    void answersAForbiddenGroupWithTheSame404AsAMissingOne() {
        String forbidden = ask("spread");
        String missing = ask("nonexistent");

        org.junit.jupiter.api.Assertions.assertEquals(missing.replace("nonexistent", "spread"), forbidden);
    }
}
