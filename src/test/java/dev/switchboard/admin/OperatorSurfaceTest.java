package dev.switchboard.admin;

import dev.switchboard.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code /version} and the sanitised {@code /admin/config}. */
@QuarkusTest
class OperatorSurfaceTest {

    @Test
    void tellsWhichBuildIsRunning() throws Exception {
        // given a build made inside a git checkout (this one, when .git is there)
        String head = gitHead();
        // when the router is asked which build it is
        String commit = given().when().get("/version").then().statusCode(200)
                .body("name", equalTo("switchboard"))
                .body("version", notNullValue())
                .body("commit", matchesPattern("[0-9a-f]{40}|unknown"))
                .body("buildTime", notNullValue())
                .extract().path("commit");
        // then it names the commit it was built from
        if (head != null) {
            assertEquals(head, commit);
        }
    }

    /** The checkout's HEAD commit, or null outside a git checkout (a source archive). */
    private static String gitHead() throws Exception {
        if (!Files.exists(Path.of(".git"))) {
            return null;
        }
        Process git = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
        String out = new String(git.getInputStream().readAllBytes()).strip();
        return git.waitFor() == 0 && out.matches("[0-9a-f]{40}") ? out : null;
    }

    @Test
    void showsTheEffectiveConfigurationWithEverySecretMasked() {
        String config = TestTokens.admin().when().get("/admin/config").then().statusCode(200)
                .body("providers.'sim-a'.auth_scheme", equalTo("bearer"))
                .body("providers.'sim-a'.api_key_env", equalTo("SWITCHBOARD_TEST_UPSTREAM_KEY"))
                .body("providers.'sim-a'.api_key", equalTo("****"))
                .body("providers.'sim-b'.timeouts.first_byte", equalTo("PT1M"))
                .body("model_groups.spread.targets[0].weight", equalTo(300))
                .body("callers.search.token_sha256", equalTo("****"))
                .body("callers.search.tenant", equalTo("search-tenant"))
                .body("admin.token_sha256", equalTo("****"))
                .extract().asString();

        assertFalse(config.contains(TestTokens.UPSTREAM_KEY));
        assertFalse(config.contains("de4949e06a4edb15"), "a caller's token hash leaked");
        assertFalse(config.contains("b460849895b51dd2"), "the admin token hash leaked");
        assertTrue(config.contains("\"strategy\" : \"weighted\""), config);
    }

    @Test
    void keepsTheConfigurationFromCallers() {
        given().header("Authorization", "Bearer " + TestTokens.SEARCH).when().get("/admin/config").then().statusCode(401);
    }
}
