package dev.switchboard.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.testing.RecordedExchanges;
import dev.switchboard.testing.Simulators;
import dev.switchboard.upstream.Exchange;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a request uses decides where it may go: tools, images, structured output; image URLs only from allowed hosts
 * (the test profile allows {@code images.example.com} and {@code *.cdn.example.net}); tool streams synthesised from
 * whole answers where the provider asks for it.
 */
@QuarkusTest
class CapabilitiesWireTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PNG = "data:image/png;base64,iVBORw0KGgo=";

    @BeforeEach
    void reset() {
        Simulators.reset();
        RecordedExchanges.clear();
    }

    private static String chatWithImages(String group, String... urls) {
        StringBuilder parts = new StringBuilder("{\"type\":\"text\",\"text\":\"What is in these?\"}");
        for (String url : urls) {
            parts.append(",{\"type\":\"image_url\",\"image_url\":{\"url\":\"").append(url).append("\"}}");
        }
        return "{\"model\":\"" + group + "\",\"messages\":[{\"role\":\"user\",\"content\":[" + parts + "]}]}";
    }

    @Test
    void refusesAnImageFromAHostOffTheAllowListAndSendsNothing() {
        given().contentType(ContentType.JSON)
                .body(chatWithImages("chat-only", "https://images.example.com/a.png", "http://169.254.169.254/latest"))
                .when().post("/v1/chat/completions")
                .then().statusCode(400)
                .body("error.code", equalTo("image_not_allowed"))
                .body("error.message", containsString("image host '169.254.169.254' is not allowed"));

        assertTrue(Simulators.completions("sim-d").isEmpty());
    }

    @Test
    void sendsImagesFromAllowedHostsAndCountsThemOnTheExchange() throws Exception {
        given().contentType(ContentType.JSON)
                .body(chatWithImages("chat-only", "https://images.example.com/a.png",
                        "https://eu.cdn.example.net/b.jpg", PNG))
                .when().post("/v1/chat/completions")
                .then().statusCode(200);

        JsonNode parts = JSON.readTree(Simulators.completions("sim-d").get(0).body())
                .path("messages").path(0).path("content");
        assertEquals(PNG, parts.path(3).path("image_url").path("url").asText());
        await().atMost(Duration.ofSeconds(5)).until(() -> !RecordedExchanges.all().isEmpty());
        Exchange exchange = RecordedExchanges.all().getLast();
        assertEquals(3, exchange.imageCount());
    }

    @Test
    void refusesImagesForAGroupWhoseModelsTakeNone() {
        given().contentType(ContentType.JSON).body(chatWithImages("llama", PNG))
                .when().post("/v1/chat/completions")
                .then().statusCode(400)
                .body("error.code", equalTo("unsupported_capability"))
                .body("error.message", containsString("no target of model group 'llama' accepts image input"));

        assertTrue(Simulators.completions("sim-c").isEmpty());
    }

    @Test
    void sendsAnAnthropicBase64ImageToAChatUpstreamAsADataUrl() throws Exception {
        given().contentType(ContentType.JSON)
                .body("{\"model\":\"chat-only\",\"max_tokens\":50,\"messages\":[{\"role\":\"user\",\"content\":["
                        + "{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/png\","
                        + "\"data\":\"iVBORw0KGgo=\"}},{\"type\":\"text\",\"text\":\"What is it?\"}]}]}")
                .when().post("/v1/messages")
                .then().statusCode(200).body("type", equalTo("message"));

        JsonNode parts = JSON.readTree(Simulators.completions("sim-d").get(0).body())
                .path("messages").path(0).path("content");
        assertEquals(PNG, parts.path(0).path("image_url").path("url").asText());
        assertEquals("What is it?", parts.path(1).path("text").asText());
    }

    @Test
    void refusesAnAnthropicImageUrlOffTheAllowList() {
        given().contentType(ContentType.JSON)
                .body("{\"model\":\"chat-only\",\"max_tokens\":50,\"messages\":[{\"role\":\"user\",\"content\":["
                        + "{\"type\":\"image\",\"source\":{\"type\":\"url\",\"url\":\"https://evil.example.org/x.png\"}}]}]}")
                .when().post("/v1/messages")
                .then().statusCode(400)
                .body("type", equalTo("error"))
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.message", containsString("'evil.example.org'"));
    }

    @Test
    void sendsStructuredOutputOnlyWhereATargetClaimsIt() throws Exception {
        String request = "{\"model\":\"%s\",\"input\":\"List three colours\",\"text\":{\"format\":{\"type\":"
                + "\"json_schema\",\"name\":\"colours\",\"schema\":{\"type\":\"object\"},\"strict\":true}}}";

        given().contentType(ContentType.JSON).body(request.formatted("responses-native"))
                .when().post("/v1/responses")
                .then().statusCode(400)
                .body("error.message", containsString("no target of model group 'responses-native' supports"
                        + " structured outputs"));
        given().contentType(ContentType.JSON).body(request.formatted("chat-only"))
                .when().post("/v1/responses")
                .then().statusCode(200);

        JsonNode format = JSON.readTree(Simulators.completions("sim-d").get(0).body()).path("response_format");
        assertEquals("json_schema", format.path("type").asText());
        assertEquals("colours", format.path("json_schema").path("name").asText());
        assertTrue(format.path("json_schema").path("strict").asBoolean());
    }

    @Test
    void synthesizesAToolStreamFromAWholeAnswerWhereTheProviderAsks() throws Exception {
        String body = given().contentType(ContentType.JSON)
                .body("{\"model\":\"synthesized\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                        + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_time\",\"parameters\":"
                        + "{\"type\":\"object\",\"properties\":{\"zone\":{\"type\":\"string\"}},\"required\":[\"zone\"]}}}]}")
                .when().post("/v1/chat/completions")
                .then().statusCode(200).extract().asString();

        JsonNode sent = JSON.readTree(Simulators.completions("sim-d").get(0).body());
        assertFalse(sent.path("stream").asBoolean());
        assertTrue(body.endsWith("data: [DONE]\n\n"), body);
        assertTrue(body.contains("\"name\":\"get_time\""), body);
        assertTrue(body.contains("\"arguments\":\"{\\\"zone\\\":\\\"sample\\\"}\""), body);
        assertTrue(body.contains("\"finish_reason\":\"tool_calls\""), body);
        assertFalse(body.contains("\"usage\""), body);
    }

    @Test
    void synthesizesAnAnthropicToolStreamOverAChatProviderThatAsks() {
        String body = given().contentType(ContentType.JSON)
                .body("{\"model\":\"synthesized\",\"stream\":true,\"max_tokens\":50,\"messages\":[{\"role\":\"user\","
                        + "\"content\":\"hi\"}],\"tools\":[{\"name\":\"get_time\",\"input_schema\":{\"type\":\"object\"}}]}")
                .when().post("/v1/messages")
                .then().statusCode(200).extract().asString();

        List<String> names = body.lines().filter(line -> line.startsWith("event: ")).map(line -> line.substring(7))
                .toList();
        assertEquals(List.of("message_start", "content_block_start", "content_block_delta", "content_block_stop",
                "message_delta", "message_stop"), names);
        assertTrue(body.contains("\"stop_reason\":\"tool_use\""), body);
    }

    @Test
    void streamsUpstreamWhenTheRequestCarriesNoTools() throws Exception {
        given().contentType(ContentType.JSON)
                .body("{\"model\":\"synthesized\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .when().post("/v1/chat/completions")
                .then().statusCode(200);

        assertTrue(JSON.readTree(Simulators.completions("sim-d").get(0).body()).path("stream").asBoolean());
    }
}
