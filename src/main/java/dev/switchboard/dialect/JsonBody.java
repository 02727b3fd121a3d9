package dev.switchboard.dialect;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A request body read once with a streaming parser: every top-level field is located by its byte span, nothing is
 * bound. The router reads the few fields it needs from those spans and rewrites the body by splicing bytes, so every
 * field it does not own reaches the upstream exactly as the caller wrote it, unknown ones included.
 */
public final class JsonBody {

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

    /** Where a top-level field's value sits in the body: {@code [start, end)}, plus its JSON type. */
    public record Span(int start, int end, JsonToken token) { }

    private final byte[] bytes;
    private final Map<String, Span> fields;
    private final int closingBrace;

    private JsonBody(byte[] bytes, Map<String, Span> fields, int closingBrace) {
        this.bytes = bytes;
        this.fields = fields;
        this.closingBrace = closingBrace;
    }

    /**
     * Parses {@code bytes}, which must hold one JSON object and nothing else.
     *
     * @throws MalformedJsonException with a message fit for the caller when it does not
     */
    public static JsonBody parse(byte[] bytes) {
        Map<String, Span> fields = new HashMap<>();
        try (JsonParser parser = FACTORY.createParser(bytes)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedJsonException("the request body must be a JSON object");
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                int start = (int) parser.currentTokenLocation().getByteOffset();
                if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                    parser.skipChildren();
                } else {
                    parser.finishToken();
                }
                fields.put(name, new Span(start, (int) parser.currentLocation().getByteOffset(), value));
            }
            int closingBrace = (int) parser.currentTokenLocation().getByteOffset();
            if (token != JsonToken.END_OBJECT || parser.nextToken() != null) {
                throw new MalformedJsonException("the request body holds more than one JSON value");
            }
            return new JsonBody(bytes, fields, closingBrace);
        } catch (IOException e) {
            String message = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
            throw new MalformedJsonException("the request body is not valid JSON: " + message);
        }
    }

    /** The raw bytes, as the caller sent them. */
    public byte[] bytes() {
        return bytes;
    }

    /** Whether the top-level field is present, whatever its value. */
    public boolean has(String field) {
        return fields.containsKey(field);
    }

    /** The field's span, or null. */
    public Span span(String field) {
        return fields.get(field);
    }

    /** The field's value when it is a JSON string, else null. */
    public String string(String field) {
        Span span = fields.get(field);
        if (span == null || span.token() != JsonToken.VALUE_STRING) {
            return null;
        }
        try (JsonParser parser = FACTORY.createParser(bytes, span.start(), span.end() - span.start())) {
            parser.nextToken();
            return parser.getText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True only when the field is the JSON literal {@code true}. */
    public boolean isTrue(String field) {
        Span span = fields.get(field);
        return span != null && span.token() == JsonToken.VALUE_TRUE;
    }

    /** The field's value as a tree, or null when absent; for the few fields the router must look into. */
    public JsonNode tree(String field) {
        Span span = fields.get(field);
        if (span == null) {
            return null;
        }
        try {
            return MAPPER.readTree(bytes, span.start(), span.end() - span.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A copy of the body with the field's value replaced by {@code json}, or added at the end when absent. */
    public byte[] with(String field, byte[] json) {
        return edit().set(field, json).bytes();
    }

    /** Several field changes applied in one copy of the body. */
    public Edit edit() {
        return new Edit();
    }

    /** Field values to set; {@link #bytes()} splices them all into one new body. */
    public final class Edit {
        private final List<String> names = new ArrayList<>(2);
        private final List<byte[]> values = new ArrayList<>(2);

        private Edit() {
        }

        /** Sets {@code field} to the JSON {@code json}: replaced where it stands, else added at the end. */
        public Edit set(String field, byte[] json) {
            names.add(field);
            values.add(json);
            return this;
        }

        public byte[] bytes() {
            int size = bytes.length;
            List<int[]> spans = new ArrayList<>(names.size()); // {start, end, index}
            boolean empty = fields.isEmpty();
            for (int i = 0; i < names.size(); i++) {
                Span span = fields.get(names.get(i));
                if (span != null) {
                    spans.add(new int[] {span.start(), span.end(), i});
                    size += values.get(i).length - (span.end() - span.start());
                } else {
                    spans.add(new int[] {closingBrace, closingBrace, i});
                    size += (empty ? 0 : 1) + quote(names.get(i)).length + 1 + values.get(i).length;
                    empty = false;
                }
            }
            spans.sort((a, b) -> a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(a[2], b[2]));
            byte[] out = new byte[size];
            int from = 0;
            int at = 0;
            boolean hasFields = !fields.isEmpty();
            for (int[] span : spans) {
                System.arraycopy(bytes, from, out, at, span[0] - from);
                at += span[0] - from;
                byte[] value = values.get(span[2]);
                if (span[0] == closingBrace && span[1] == closingBrace) {
                    if (hasFields) {
                        out[at++] = ',';
                    }
                    byte[] name = quote(names.get(span[2]));
                    System.arraycopy(name, 0, out, at, name.length);
                    at += name.length;
                    out[at++] = ':';
                    hasFields = true;
                }
                System.arraycopy(value, 0, out, at, value.length);
                at += value.length;
                from = span[1];
            }
            System.arraycopy(bytes, from, out, at, bytes.length - from);
            return out;
        }
    }

    /** {@code value} as a JSON string literal, quotes included. */
    public static byte[] quote(String value) {
        byte[] escaped = JsonStringEncoder.getInstance().quoteAsUTF8(value);
        byte[] quoted = new byte[escaped.length + 2];
        quoted[0] = '"';
        System.arraycopy(escaped, 0, quoted, 1, escaped.length);
        quoted[quoted.length - 1] = '"';
        return quoted;
    }

    /** The body is not one well-formed JSON object. */
    public static final class MalformedJsonException extends RuntimeException {
        MalformedJsonException(String message) {
            super(message, null, false, false);
        }
    }
}
