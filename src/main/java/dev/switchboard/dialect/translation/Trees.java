package dev.switchboard.dialect.translation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;

/** The Jackson tree work every translator shares. */
final class Trees {

    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final char[] ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".toCharArray();

    private Trees() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    /** {@code bytes} as a JSON object; IllegalArgumentException when it is none. */
    static ObjectNode parseObject(byte[] bytes) {
        try {
            if (MAPPER.readTree(bytes) instanceof ObjectNode object) {
                return object;
            }
        } catch (IOException e) {
            // fall through
        }
        throw new IllegalArgumentException("not a JSON object");
    }

    /** {@code json} as a tree, or null when it is not JSON. */
    static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            return null;
        }
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String string(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The node's text when it is a JSON string, else "" (a JSON null included, which {@code asText} makes "null"). */
    static String text(JsonNode node) {
        return node != null && node.isTextual() ? node.textValue() : "";
    }

    /**
     * The text of a content value: a string as it is, or the {@code text} of each part of an array, joined by
     * {@code separator}; parts without text are left out.
     */
    static String contentText(JsonNode content, String separator) {
        if (content == null || content.isNull() || content.isMissingNode()) {
            return "";
        }
        if (content.isTextual()) {
            return content.textValue();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            if (part.isTextual() || part.path("text").isTextual()) {
                if (!text.isEmpty()) {
                    text.append(separator);
                }
                text.append(part.isTextual() ? part.textValue() : part.path("text").textValue());
            }
        }
        return text.toString();
    }

    /** Copies {@code from.field} to {@code to.as} when it is present and not null. */
    static void copy(JsonNode from, String field, ObjectNode to, String as) {
        JsonNode value = from.get(field);
        if (value != null && !value.isNull()) {
            to.set(as, value);
        }
    }

    /** A tool call's arguments string as an object; {} when it is empty or not a JSON object. */
    static ObjectNode arguments(String json) {
        if (!json.isBlank() && parse(json) instanceof ObjectNode object) {
            return object;
        }
        return object();
    }

    /** A fresh id such as {@code msg_} followed by 24 random letters and digits. */
    static String id(String prefix) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] id = new char[24];
        for (int i = 0; i < id.length; i++) {
            id[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return prefix + new String(id);
    }

    /** Seconds since the epoch, as {@code created} fields carry it. */
    static long now() {
        return System.currentTimeMillis() / 1000;
    }
}
