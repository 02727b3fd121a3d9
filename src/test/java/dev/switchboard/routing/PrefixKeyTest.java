package dev.switchboard.routing;

import dev.switchboard.dialect.Dialect;
import dev.switchboard.dialect.JsonBody;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The prefix key: stable under what does not change a conversation's start, sensitive to what does. */
class PrefixKeyTest {

    private static final PromptPrefix.Settings SETTINGS = new PromptPrefix.Settings(2048, 64, 1024);
    private static final String LONG_TURN = "Here is the file to review:\n" + "int x = 1;\n".repeat(250);

    private static String key(String tenant, String group, String json) {
        JsonBody body = JsonBody.parse(json.getBytes(StandardCharsets.UTF_8));
        return new PromptPrefix(body, Dialect.OPENAI_CHAT, tenant, group, SETTINGS).key().value();
    }

    private static String chat(String system, String... turns) {
        StringBuilder json = new StringBuilder("{\"model\":\"g\",\"messages\":[{\"role\":\"system\",\"content\":")
                .append(quote(system)).append('}');
        for (int i = 0; i < turns.length; i++) {
            json.append(",{\"role\":\"").append(i % 2 == 0 ? "user" : "assistant").append("\",\"content\":")
                    .append(quote(turns[i])).append('}');
        }
        return json.append("]}").toString();
    }

    private static String quote(String text) {
        return new String(JsonBody.quote(text), StandardCharsets.UTF_8);
    }

    @Test
    void isThirtyTwoHexCharactersAndTheSameForTheSameInputs() {
        String first = key("acme", "coder", chat("You review code.", "hello"));
        String second = key("acme", "coder", chat("You review code.", "hello"));

        assertTrue(first.matches("[0-9a-f]{32}"), first);
        assertEquals(first, second);
    }

    @Test
    void ignoresWhitespaceOnlyChanges() {
        String plain = key("acme", "coder", chat("You review code.", "hello there", "hi"));
        String spaced = key("acme", "coder", chat("  You   review\n\tcode. ", "hello \n there  ", " hi"));

        assertEquals(plain, spaced);
    }

    @Test
    void changesWithTheTenantTheGroupOrTheSystemPrompt() {
        String base = key("acme", "coder", chat("You review code.", "hello"));

        assertNotEquals(base, key("globex", "coder", chat("You review code.", "hello")));
        assertNotEquals(base, key("acme", "writer", chat("You review code.", "hello")));
        assertNotEquals(base, key("acme", "coder", chat("You review Java code.", "hello")));
    }

    @Test
    void keepsTheKeyForALaterTurnOnceTheWindowIsFull() {
        String first = key("acme", "coder", chat("You review code.", LONG_TURN));
        String later = key("acme", "coder", chat("You review code.", LONG_TURN, "Looks fine.", "And this one?"));

        assertEquals(first, later);
    }

    @Test
    void changesWithALaterTurnWhileTheWindowIsNotFull() {
        String first = key("acme", "coder", chat("You review code.", "short question"));
        String later = key("acme", "coder", chat("You review code.", "short question", "short answer"));

        assertNotEquals(first, later);
    }

    @Test
    void normalisesByCollapsingWhitespaceRunsAndTrimmingWithinTheLimit() {
        assertEquals("a b c", normalised("  a \n\t b  c  ", Integer.MAX_VALUE));
        assertEquals("ab", normalised("ab   cd", 3)); // "ab " cut at three, its trailing space trimmed
        assertEquals("ab c", normalised("ab   cd", 4));
        assertEquals("x\u00e9 \u4e16", normalised("x\u00e9\u2003\u4e16\u3000", 10)); // Unicode spaces count too
    }

    private static String normalised(String text, int limit) {
        char[] out = new char[text.length() + 2];
        out[0] = '>';
        int end = PrefixKey.normalise(text.toCharArray(), limit, out, 1);
        return new String(out, 1, end - 1);
    }
}
