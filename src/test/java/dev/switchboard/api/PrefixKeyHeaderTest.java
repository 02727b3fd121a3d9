package dev.switchboard.api;

import dev.switchboard.testing.Simulators;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** {@code X-Switchboard-Prefix-Key: true} asks for the request's prefix key back, on every kind of answer. */
@QuarkusTest
class PrefixKeyHeaderTest {

    @BeforeEach
    void reset() {
        Simulators.reset();
    }

    private static String chat(String group, boolean stream, String system) {
        return "{\"model\":\"" + group + "\",\"stream\":" + stream + ",\"max_tokens\":2,\"messages\":["
                + "{\"role\":\"system\",\"content\":\"" + system + "\"},{\"role\":\"user\",\"content\":\"hello\"}]}";
    }

    private static Response ask(String tenant, String body, boolean askForKey) {
        var request = given().contentType(ContentType.JSON).header("X-Tenant-ID", tenant).body(body);
        if (askForKey) {
            request = request.header("X-Switchboard-Prefix-Key", "true");
        }
        return request.when().post("/v1/chat/completions");
    }

    @Test
    void returnsTheSameKeyOnStreamedAndWholeAnswersWhenAsked() {
        Response whole = ask("acme", chat("chat", false, "Be brief."), true);
        Response streamed = ask("acme", chat("chat", true, "Be brief."), true);

        whole.then().statusCode(200).header("X-Switchboard-Prefix-Key", matchesPattern("[0-9a-f]{32}"));
        streamed.then().statusCode(200).contentType(containsString("text/event-stream"))
                .header("X-Switchboard-Prefix-Key", matchesPattern("[0-9a-f]{32}"));
        streamed.then().body(containsString("[DONE]"));
        assertEquals(whole.header("X-Switchboard-Prefix-Key"), streamed.header("X-Switchboard-Prefix-Key"));
    }

    @Test
    void returnsTheKeyOnErrorAnswersToo() {
        ask("acme", chat("unreachable", false, "Be brief."), true).then().statusCode(502)
                .header("X-Switchboard-Prefix-Key", matchesPattern("[0-9a-f]{32}"));
    }

    @Test
    void givesEachTenantAndSystemPromptItsOwnKey() {
        String acme = ask("acme", chat("sticky", false, "Be brief."), true).header("X-Switchboard-Prefix-Key");
        String globex = ask("globex", chat("sticky", false, "Be brief."), true).header("X-Switchboard-Prefix-Key");
        String verbose = ask("acme", chat("sticky", false, "Be verbose."), true).header("X-Switchboard-Prefix-Key");

        assertNotEquals(acme, globex);
        assertNotEquals(acme, verbose);
        assertEquals(acme, ask("acme", chat("sticky", true, "Be  brief. "), true).header("X-Switchboard-Prefix-Key"));
    }

    @Test
    void sendsNoKeyUnlessAsked() {
        assertNull(ask("acme", chat("sticky", false, "Be brief."), false).header("X-Switchboard-Prefix-Key"));
        assertNull(ask("acme", chat("chat", false, "Be brief."), false).header("X-Switchboard-Prefix-Key"));
    }
}
