package dev.switchboard.dialect;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonBodyTest {

    private static JsonBody parse(String json) {
        return JsonBody.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void rewritesModelLeavingEveryOtherByteAsSent() {
        String sent = "{ \"messages\" : [{\"role\":\"user\",\"content\":\"hi \\\"there\\\"\"}],\n"
                + "  \"model\":\"demo\", \"x_vendor\": {\"keep\": [1, 2.50, null]}, \"stream\":true }";
        JsonBody body = parse(sent);

        String rewritten = text(body.with("model", JsonBody.quote("qwen/Qwen3-Coder \"30B\"")));

        assertEquals(sent.replace("\"model\":\"demo\"", "\"model\":\"qwen/Qwen3-Coder \\\"30B\\\"\""), rewritten);
        assertEquals("demo", body.string("model"));
        assertTrue(body.isTrue("stream"));
    }

    @Test
    void addsAFieldBeforeTheClosingBrace() {
        JsonBody body = parse("{\"model\":\"m\"}  ");

        assertEquals("{\"model\":\"m\",\"stream_options\":{\"include_usage\":true}}  ",
                text(body.with("stream_options", "{\"include_usage\":true}".getBytes(StandardCharsets.UTF_8))));
        assertEquals("{\"a\":1}", text(parse("{}").with("a", "1".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void appliesSeveralEditsInOneCopy() {
        JsonBody body = parse("{\"stream\":true,\"model\":\"g\",\"n\":1}");

        byte[] edited = body.edit()
                .set("stream_options", "{\"include_usage\":true}".getBytes(StandardCharsets.UTF_8))
                .set("model", JsonBody.quote("up"))
                .bytes();

        assertEquals("{\"stream\":true,\"model\":\"up\",\"n\":1,\"stream_options\":{\"include_usage\":true}}",
                text(edited));
    }

    @Test
    void readsNonStringModelAsAbsentValue() {
        JsonBody body = parse("{\"model\": 42, \"stream\": \"yes\"}");

        assertTrue(body.has("model"));
        assertNull(body.string("model"));
        assertFalse(body.isTrue("stream"));
    }

    @Test
    void refusesWhatIsNotOneJsonObject() {
        assertThrows(JsonBody.MalformedJsonException.class, () -> parse("{\"model\":\"m\""));
        assertThrows(JsonBody.MalformedJsonException.class, () -> parse("[1,2]"));
        assertThrows(JsonBody.MalformedJsonException.class, () -> parse("{\"a\":1} {\"b\":2}"));
        assertThrows(JsonBody.MalformedJsonException.class, () -> parse("{\"a\":[1,}"));
        assertThrows(JsonBody.MalformedJsonException.class, () -> parse(""));
    }
}
