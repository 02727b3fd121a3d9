package dev.switchboard.routing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.switchboard.dialect.Dialect;
import dev.switchboard.dialect.JsonBody;

import java.io.IOException;

/**
 * A prompt's text as prefix routing sees it, the same for every dialect: the system prompt, and the conversation
 * after it as {@code role\ntext\n\n} per message in order. Only text counts: string contents, and parts or blocks of
 * type {@code text}, {@code input_text} or {@code output_text}; images, tool calls and items without a role do not.
 *
 * <p>Read with a streaming parser over the spans of the few fields that hold the prompt (chat: {@code messages};
 * Responses: {@code instructions}, {@code input}; Anthropic: {@code system}, {@code messages}), never binding a tree.
 *
 * @param system       the system prompt: chat and Responses messages of role {@code system} or {@code developer},
 *                     Responses {@code instructions}, Anthropic {@code system}; several are joined by a blank line
 * @param conversation every other message, in order
 */
record Prompt(String system, String conversation) {

    static final Prompt EMPTY = new Prompt("", "");

    private static final JsonFactory JSON = new JsonFactory();
    private static final String SYSTEM_ROLE = "system\n";

    /** The prompt of {@code body} as {@code dialect} shapes it; fields of an unexpected shape count as empty. */
    static Prompt of(JsonBody body, Dialect dialect) {
        Reader reader = new Reader(body);
        try {
            switch (dialect) {
                case OPENAI_CHAT -> reader.messages("messages");
                case OPENAI_RESPONSES -> {
                    reader.system("instructions");
                    reader.messages("input");
                }
                case ANTHROPIC -> {
                    reader.system("system");
                    reader.messages("messages");
                }
            }
        } catch (IOException e) {
            // The body parsed as JSON once already; keep what was read rather than fail routing.
        }
        return new Prompt(reader.system.toString(), reader.conversation.toString());
    }

    /**
     * The text the block chain covers, at most {@code maxChars} of it: the system prompt as a message of its own
     * ({@code system\n...\n\n}), then the conversation.
     */
    char[] canonical(int maxChars) {
        String head = system.isEmpty() ? "" : SYSTEM_ROLE + system + "\n\n";
        char[] text = new char[(int) Math.min(maxChars, (long) head.length() + conversation.length())];
        int fromHead = Math.min(head.length(), text.length);
        head.getChars(0, fromHead, text, 0);
        conversation.getChars(0, text.length - fromHead, text, fromHead);
        return text;
    }

    private static final class Reader {
        private final JsonBody body;
        private final StringBuilder system = new StringBuilder();
        private final StringBuilder conversation = new StringBuilder(1024);
        private final StringBuilder message = new StringBuilder(256);
        private final StringBuilder part = new StringBuilder(256);

        Reader(JsonBody body) {
            this.body = body;
        }

        private JsonParser open(String field) throws IOException {
            JsonBody.Span span = body.span(field);
            if (span == null) {
                return null;
            }
            JsonParser parser = JSON.createParser(body.bytes(), span.start(), span.end() - span.start());
            parser.nextToken();
            return parser;
        }

        /** A system prompt given as a field of its own: a string, or an array of text blocks. */
        void system(String field) throws IOException {
            try (JsonParser parser = open(field)) {
                if (parser != null) {
                    message.setLength(0);
                    content(parser, message);
                    addSystem(message);
                }
            }
        }

        /** A string (one user message) or an array of messages, each with a role and a content. */
        void messages(String field) throws IOException {
            try (JsonParser parser = open(field)) {
                if (parser == null) {
                    return;
                }
                if (parser.currentToken() == JsonToken.VALUE_STRING) {
                    conversation.append("user\n");
                    appendText(parser, conversation);
                    conversation.append("\n\n");
                    return;
                }
                if (parser.currentToken() != JsonToken.START_ARRAY) {
                    return;
                }
                JsonToken token;
                while ((token = parser.nextToken()) != JsonToken.END_ARRAY && token != null) {
                    if (token == JsonToken.START_OBJECT) {
                        message(parser);
                    } else {
                        parser.skipChildren();
                    }
                }
            }
        }

        /** One message object; its content may come before its role, so the text waits in {@link #message}. */
        private void message(JsonParser parser) throws IOException {
            String role = null;
            message.setLength(0);
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals("role") && value == JsonToken.VALUE_STRING) {
                    role = parser.getText();
                } else if (name.equals("content")) {
                    content(parser, message);
                } else {
                    parser.skipChildren();
                }
            }
            if (role == null) {
                return; // a tool call or another item without a role
            }
            if (role.equals("system") || role.equals("developer")) {
                addSystem(message);
            } else {
                conversation.append(role).append('\n').append(message).append("\n\n");
            }
        }

        /** A content value: a string, or an array of parts (strings, or objects whose text counts by its type). */
        private void content(JsonParser parser, StringBuilder out) throws IOException {
            JsonToken token = parser.currentToken();
            if (token == JsonToken.VALUE_STRING) {
                appendText(parser, out);
                return;
            }
            if (token != JsonToken.START_ARRAY) {
                parser.skipChildren();
                return;
            }
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY && token != null) {
                if (token == JsonToken.VALUE_STRING) {
                    appendText(parser, out);
                } else if (token == JsonToken.START_OBJECT) {
                    part(parser, out);
                } else {
                    parser.skipChildren();
                }
            }
        }

        private void part(JsonParser parser, StringBuilder out) throws IOException {
            boolean text = false;
            boolean hasText = false;
            part.setLength(0);
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals("type") && value == JsonToken.VALUE_STRING) {
                    String type = parser.getText();
                    text = type.equals("text") || type.equals("input_text") || type.equals("output_text");
                } else if (name.equals("text") && value == JsonToken.VALUE_STRING) {
                    appendText(parser, part);
                    hasText = true;
                } else {
                    parser.skipChildren();
                }
            }
            if (text && hasText) {
                out.append(part);
            }
        }

        private void addSystem(CharSequence text) {
            if (text.isEmpty()) {
                return;
            }
            if (!system.isEmpty()) {
                system.append("\n\n");
            }
            system.append(text);
        }

        /** Appends the current string token without making a String of it. */
        private static void appendText(JsonParser parser, StringBuilder out) throws IOException {
            out.append(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
        }
    }
}
