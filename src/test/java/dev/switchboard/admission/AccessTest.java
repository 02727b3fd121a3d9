package dev.switchboard.admission;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.PermissionDeniedException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.models.Model;
import dev.switchboard.testing.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** With tokens required: who may call, which groups each caller sees, and that callers never reach the admin surface. */
@QuarkusTest
@TestProfile(AccessTest.TokensRequired.class)
class AccessTest {

    /** The test profile with anonymous access switched off. */
    public static class TokensRequired implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("switchboard.access.anonymous", "false");
        }
    }

    @TestHTTPResource("/v1")
    URL base;

    private static final String CHAT = "{\"model\":\"chat\",\"max_tokens\":2,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    @Test
    void refusesARequestWithoutTokenWith401() {
        given().contentType(ContentType.JSON).body(CHAT).when().post("/v1/chat/completions")
                .then().statusCode(401)
                .body("error.type", equalTo("authentication_error"))
                .body("error.message", containsString("Authorization: Bearer"));
        given().when().get("/v1/models").then().statusCode(401);
    }

    @Test
    void refusesAWrongTokenWith401() {
        given().contentType(ContentType.JSON).header("Authorization", "Bearer not-a-caller").body(CHAT)
                .when().post("/v1/chat/completions")
                .then().statusCode(401).body("error.code", equalTo("invalid_api_key"));
    }

    @Test
    void acceptsTheTokenAsBearerOrAsXApiKey() {
        given().contentType(ContentType.JSON).header("Authorization", "Bearer " + TestTokens.SEARCH).body(CHAT)
                .when().post("/v1/chat/completions").then().statusCode(200);
        given().contentType(ContentType.JSON).header("x-api-key", TestTokens.SEARCH).body(CHAT)
                .when().post("/v1/chat/completions").then().statusCode(200);
    }

    @Test
    void forbidsAGroupTheCallerMayNotUseWith403() {
        given().contentType(ContentType.JSON).header("Authorization", "Bearer " + TestTokens.SEARCH)
                .body(CHAT.replace("\"chat\"", "\"spread\""))
                .when().post("/v1/chat/completions")
                .then().statusCode(403)
                .body("error.type", equalTo("permission_error"))
                .body("error.message", containsString("may not use model group 'spread'"));
    }

    @Test
    void listsOnlyTheCallersGroupsToTheOpenAiSdk() {
        OpenAIClient search = client(TestTokens.SEARCH);
        OpenAIClient everything = client(TestTokens.EVERYTHING);
        OpenAIClient stranger = client("sk-unknown");

        assertEquals(List.of("chat", "llama"), search.models().list().data().stream().map(Model::id).toList());
        assertEquals(true, everything.models().list().data().stream().map(Model::id).toList().contains("spread"));
        assertThrows(PermissionDeniedException.class, () -> search.chat().completions().create(
                ChatCompletionCreateParams.builder().model("spread").addUserMessage("hi").build()));
        assertThrows(UnauthorizedException.class, () -> stranger.models().list());

        search.close();
        everything.close();
        stranger.close();
    }

    @Test
    void keepsTheAdminSurfaceForTheAdminToken() {
        given().header("Authorization", "Bearer " + TestTokens.EVERYTHING).when().get("/admin/targets")
                .then().statusCode(401).body("error.code", equalTo("admin_token_required"));
        given().header("Authorization", "Bearer " + TestTokens.EVERYTHING).when().get("/metrics").then().statusCode(401);
        given().when().get("/metrics").then().statusCode(401);
        TestTokens.admin().when().get("/admin/targets").then().statusCode(200);
        TestTokens.admin().when().get("/metrics").then().statusCode(200).body(containsString("# TYPE"));
    }

    private OpenAIClient client(String token) {
        return OpenAIOkHttpClient.builder().baseUrl(base.toString()).apiKey(token).maxRetries(0).build();
    }
}
