package dev.switchboard.loadtest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;

/**
 * What one chat-completion chunk says that the driver measures: the length of its content delta, the usage block, an
 * error. Read with Jackson's streaming parser, skipping everything else, so a chunk costs about a microsecond.
 * Reused for every event of a response.
 */
final class Chunk {

    int contentChars;
    boolean error;
    int completionTokens = -1;
    int promptTokens = -1;
    int cachedTokens = -1;

    /**
     * Parses one event's data into this chunk (fields reset first).
     *
     * @param text receives the content delta's text, or null when not needed
     * @throws IOException when the data is not a JSON object
     */
    void parse(JsonFactory json, byte[] bytes, int length, StringBuilder text) throws IOException {
        contentChars = 0;
        error = false;
        completionTokens = -1;
        promptTokens = -1;
        cachedTokens = -1;
        try (JsonParser p = json.createParser(bytes, 0, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("event data is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "choices" -> {
                        if (value == JsonToken.START_ARRAY) {
                            while (p.nextToken() == JsonToken.START_OBJECT) {
                                choice(p, text);
                            }
                        } else {
                            p.skipChildren();
                        }
                    }
                    case "usage" -> {
                        if (value == JsonToken.START_OBJECT) {
                            usage(p);
                        } else {
                            p.skipChildren();
                        }
                    }
                    case "error" -> {
                        error = value != JsonToken.VALUE_NULL;
                        p.skipChildren();
                    }
                    default -> p.skipChildren();
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT) {
                throw new IOException("event data is not a complete JSON object");
            }
        }
    }

    private void choice(JsonParser p, StringBuilder text) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if (name.equals("delta") && value == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    JsonToken v = p.nextToken();
                    if (field.equals("content") && v == JsonToken.VALUE_STRING) {
                        contentChars += p.getTextLength();
                        if (text != null) {
                            text.append(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
                        }
                    } else {
                        p.skipChildren();
                    }
                }
            } else {
                p.skipChildren();
            }
        }
    }

    private void usage(JsonParser p) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            switch (name) {
                case "completion_tokens" -> completionTokens = value == JsonToken.VALUE_NUMBER_INT ? p.getIntValue() : -1;
                case "prompt_tokens" -> promptTokens = value == JsonToken.VALUE_NUMBER_INT ? p.getIntValue() : -1;
                case "prompt_tokens_details" -> {
                    if (value == JsonToken.START_OBJECT) {
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String field = p.currentName();
                            JsonToken v = p.nextToken();
                            if (field.equals("cached_tokens") && v == JsonToken.VALUE_NUMBER_INT) {
                                cachedTokens = p.getIntValue();
                            } else {
                                p.skipChildren();
                            }
                        }
                    } else {
                        p.skipChildren();
                    }
                }
                default -> p.skipChildren();
            }
        }
    }
}
