package dev.switchboard.simulator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The canonical text of a prompt, built from its messages (role and content text of each, in order), which the
 * prefix cache cuts into tokens. Every dialect builds it the same way, so one conversation hits the same blocks
 * whichever API sent it.
 */
final class PromptText {

    /** The simulator's token estimate: one token per 4 characters. */
    static final int CHARS_PER_TOKEN = 4;

    private final StringBuilder text = new StringBuilder(512);

    /** Appends one message; {@code content} is a string, an array of parts, a part, or null. */
    PromptText add(String role, Object content) {
        text.append(role).append('\n');
        appendContent(content);
        text.append("\n\n");
        return this;
    }

    /** Appends raw text to the last message, e.g. a tool call's name and arguments. */
    PromptText append(String more) {
        text.append(more);
        return this;
    }

    String text() {
        return text.toString();
    }

    /** Prompt tokens of a canonical text: its length in 4-character chunks, rounded up, at least 1. */
    static int tokens(String text) {
        return Math.max(1, (text.length() + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN);
    }

    private void appendContent(Object content) {
        if (content instanceof String s) {
            text.append(s);
        } else if (content instanceof JsonArray parts) {
            for (Object part : parts) {
                appendContent(part);
            }
        } else if (content instanceof JsonObject part) {
            // text parts of every dialect carry "text"; tool results nest theirs under "content" or "output"
            if (part.getValue("text") instanceof String s) {
                text.append(s);
            } else if (part.containsKey("content")) {
                appendContent(part.getValue("content"));
            } else if (part.containsKey("output")) {
                appendContent(part.getValue("output"));
            } else if (part.getValue("input") instanceof JsonObject input) {
                text.append(input.encode());
            }
        }
    }
}
