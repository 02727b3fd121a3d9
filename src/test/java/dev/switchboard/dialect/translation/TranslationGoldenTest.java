package dev.switchboard.dialect.translation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.dialect.Dialect;
import dev.switchboard.dialect.JsonBody;
import dev.switchboard.dialect.TokenUsage;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The translation tables, JSON in and JSON out, no server: each file under {@code src/test/resources/translation}
 * names a (caller, provider) pair and a part ({@code request}, {@code answer}, {@code stream}, {@code error}), gives
 * the caller's request and, for the way back, what the upstream sent, and the exact result expected. Clock fields
 * ({@code created}, {@code created_at}) are left out of the comparison.
 */
class TranslationGoldenTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<String> cases() throws IOException, URISyntaxException {
        try (Stream<Path> files = Files.list(directory())) {
            return files.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".json")).sorted()
                    .toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void translatesAsTheGoldenFileSays(String file) throws Exception {
        JsonNode golden = JSON.readTree(directory().resolve(file).toFile());
        Translation translation = Translation.between(dialect(golden, "caller"), dialect(golden, "provider"));
        assertNotNull(translation, file);
        JsonNode request = golden.get("request");
        boolean stream = request.path("stream").asBoolean(false);
        CallerRequest caller = new CallerRequest(dialect(golden, "caller"), JsonBody.parse(JSON.writeValueAsBytes(request)),
                stream, stream && request.path("stream_options").path("include_usage").asBoolean(false));

        JsonNode actual;
        TokenUsage usage = null;
        switch (golden.path("part").asText()) {
            case "request" -> actual = JSON.readTree(translation.request(caller, "upstream-model",
                    golden.path("upstream_stream").asBoolean(stream)));
            case "answer" -> {
                Translation.Answer answer = translation.answer(caller, JSON.writeValueAsBytes(golden.get("in")));
                actual = JSON.readTree(answer.body());
                usage = answer.usage();
            }
            case "stream" -> {
                Collected sink = new Collected();
                StreamTranslator translator = translation.stream(caller, sink);
                for (JsonNode event : golden.get("in")) {
                    translator.event(render(event));
                }
                assertTrue(translator.finished(), file + ": the stream did not reach its end");
                actual = sink.events;
                usage = sink.usage;
            }
            case "error" -> actual = JSON.readTree(translation.error(caller, golden.path("status").asInt(),
                    JSON.writeValueAsBytes(golden.get("in"))));
            default -> throw new IllegalArgumentException(file + ": unknown part " + golden.path("part"));
        }

        assertEquals(normal(golden.get("out")), normal(actual),
                file + " gave:\n" + JSON.writerWithDefaultPrettyPrinter().writeValueAsString(actual));
        if (golden.has("usage")) {
            assertNotNull(usage, file + ": no usage reported");
            assertEquals(normal(golden.get("usage")), normal(JSON.valueToTree(new long[] {usage.promptTokens(),
                    usage.completionTokens(), usage.cachedTokens()})), file + ": usage [prompt, completion, cached]");
        }
    }

    /** The caller's events, as {@code {"event": name, "data": ...}} (no {@code event} in Chat streams). */
    private static final class Collected implements StreamSink {
        final ArrayNode events = JSON.createArrayNode();
        TokenUsage usage;

        @Override
        public void write(Buffer event) {
            SseEvent parsed = SseEvent.parse(event);
            ObjectNode out = events.addObject();
            if (parsed.name() != null) {
                out.put("event", parsed.name());
            }
            JsonNode data = Trees.parse(parsed.data());
            if (data == null) {
                out.put("data", parsed.data());
            } else {
                out.set("data", data);
            }
        }

        @Override
        public void token() {
        }

        @Override
        public void usage(TokenUsage usage) {
            this.usage = usage;
        }
    }

    private static Buffer render(JsonNode event) throws IOException {
        String data = event.get("data").isTextual() ? event.get("data").textValue()
                : JSON.writeValueAsString(event.get("data"));
        return Buffer.buffer((event.has("event") ? "event: " + event.get("event").asText() + "\n" : "")
                + "data: " + data + "\n\n");
    }

    /** Round-tripped through text, so numbers compare by value, and without clock fields. */
    private static JsonNode normal(JsonNode node) throws IOException {
        JsonNode copy = JSON.readTree(JSON.writeValueAsString(node));
        List<JsonNode> pending = new ArrayList<>(List.of(copy));
        while (!pending.isEmpty()) {
            JsonNode next = pending.removeLast();
            if (next instanceof ObjectNode object) {
                object.remove(List.of("created", "created_at"));
            }
            next.forEach(pending::add);
        }
        return copy;
    }

    private static Dialect dialect(JsonNode golden, String field) {
        String name = golden.path(field).asText();
        for (Dialect dialect : Dialect.values()) {
            if (dialect.wireName().equals(name)) {
                return dialect;
            }
        }
        throw new IllegalArgumentException("unknown dialect " + name);
    }

    private static Path directory() throws URISyntaxException {
        return Path.of(TranslationGoldenTest.class.getResource("/translation").toURI());
    }
}
