package dev.switchboard.simulator;

import java.nio.charset.StandardCharsets;

/**
 * The deterministic text every simulated answer is made of: token {@code i} is word {@code i mod 32} of one fixed
 * sentence, with a leading space after the first token. Tests assemble a stream and compare it with {@link #text}.
 */
public final class SimulatedText {

    private static final String[] WORDS = ("This is a simulated answer from the Switchboard vLLM simulator, produced"
            + " one word at a time so that tests can assemble the streamed tokens and compare them with the full"
            + " expected text.").split(" ");

    // Encoded once: a streamed token costs no string building or encoding. The words need no JSON escaping.
    private static final byte[][] FIRST = new byte[WORDS.length][];
    private static final byte[][] LATER = new byte[WORDS.length][];

    static {
        for (int i = 0; i < WORDS.length; i++) {
            FIRST[i] = WORDS[i].getBytes(StandardCharsets.UTF_8);
            LATER[i] = (" " + WORDS[i]).getBytes(StandardCharsets.UTF_8);
        }
    }

    private SimulatedText() {
    }

    /** Token {@code index} (0-based) of every answer. */
    public static String token(int index) {
        String word = WORDS[index % WORDS.length];
        return index == 0 ? word : " " + word;
    }

    /** The whole text of an answer of {@code tokens} tokens. */
    public static String text(int tokens) {
        StringBuilder text = new StringBuilder(tokens * 8);
        for (int i = 0; i < tokens; i++) {
            text.append(token(i));
        }
        return text.toString();
    }

    /** Token {@code index} as UTF-8 bytes, safe to place inside a JSON string as is. */
    static byte[] tokenBytes(int index) {
        return (index == 0 ? FIRST : LATER)[index % WORDS.length];
    }
}
