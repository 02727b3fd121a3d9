package dev.switchboard.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.switchboard.testing.Simulators;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.Arrays;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code switchboard.stream_stats} event: only when asked for, just before {@code [DONE]}, harmless to SDKs. */
@QuarkusTest
class StreamStatsTest {

    @TestHTTPResource("/v1")
    URL base;

    private static String stream(boolean stats) {
        var request = given().contentType(ContentType.JSON);
        if (stats) {
            request.header("X-Switchboard-Stream-Stats", "true");
        }
        return request.body("{\"model\":\"llama\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .when().post("/v1/chat/completions").then().statusCode(200).extract().asString();
    }

    @Test
    void sendsTheStatsEventJustBeforeDoneWhenAsked() throws Exception {
        Simulators.reset();
        List<String> events = Arrays.asList(stream(true).split("\n\n"));

        assertEquals("data: [DONE]", events.get(events.size() - 1));
        String stats = events.get(events.size() - 2);
        assertTrue(stats.startsWith("event: switchboard.stream_stats\ndata: "), stats);
        JsonNode chunk = new ObjectMapper().readTree(stats.substring(stats.indexOf("data: ") + 6));
        assertEquals(0, chunk.path("choices").size(), "a chunk with no choices, so SDKs parse it");
        JsonNode json = chunk.path("switchboard_stream_stats");
        assertEquals("sim-c/llama", json.path("target").asText());
        assertEquals(1, json.path("attempts").asInt());
        assertTrue(json.path("ttft_ms").asDouble() > 0, stats);
        assertTrue(json.path("tokens_per_second").asDouble() > 0, stats);
        assertEquals(12, json.path("completion_tokens").asInt());
        assertEquals(json.path("prompt_tokens").asInt(), json.path("cached_tokens").asInt() + json.path("novel_tokens").asInt());
        assertFalse(json.path("tokens_estimated").asBoolean());
    }

    @Test
    void leavesTheStreamUnchangedUnlessAsked() {
        assertFalse(stream(false).contains("switchboard.stream_stats"));
    }

    @Test
    void theOpenAiSdkParsesTheStreamEitherWay() {
        for (boolean stats : new boolean[] {false, true}) {
            OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl(base.toString()).apiKey("unused")
                    .maxRetries(0).putHeader("X-Switchboard-Stream-Stats", Boolean.toString(stats)).build();
            StringBuilder text = new StringBuilder();
            try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
                    ChatCompletionCreateParams.builder().model("llama").addUserMessage("hi").build())) {
                stream.stream().forEach(chunk -> chunk.choices().forEach(c -> c.delta().content().ifPresent(text::append)));
            }
            client.close();
            assertEquals(12, text.toString().trim().split("\\s+").length, "stats " + stats + ": " + text);
        }
    }
}
