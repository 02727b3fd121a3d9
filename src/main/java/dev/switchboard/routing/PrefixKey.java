package dev.switchboard.routing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A request's prefix key: which tenant, in which model group, starts which conversation. Requests with the same key
 * can share an upstream's KV cache, so it names the prefix on usage rows, in {@code X-Switchboard-Prefix-Key}, and in
 * {@link PrefixOwnership} across replicas.
 *
 * <p>{@code sha256(tenant \n group \n normalise(system prompt) \n window)}, as its first 32 hex characters, where
 * {@code normalise} collapses every whitespace run to one space and trims, and the window is the first
 * {@code switchboard.routing.prefix_window_chars} characters of the normalised conversation after the system prompt
 * (see {@link Prompt}). Normalised text holds no newline, nor do tenants and group names, so the joined parts cannot
 * run into each other. Whitespace-only edits keep the key; a new turn keeps it once the window is full.
 *
 * @param value 32 lower-case hex characters
 */
public record PrefixKey(String value) {

    private static final HexFormat HEX = HexFormat.of();
    /** {@link Character#isWhitespace} for ASCII, looked up: nearly all prompt text is ASCII. */
    private static final boolean[] ASCII_SPACE = new boolean[0x80];

    static {
        for (char c = 0; c < 0x80; c++) {
            ASCII_SPACE[c] = Character.isWhitespace(c);
        }
    }

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    });

    static PrefixKey of(String tenant, String group, Prompt prompt, int windowChars) {
        String head = (tenant == null ? "" : tenant) + '\n' + group + '\n';
        String system = prompt.system();
        String conversation = prompt.conversation();
        char[] text = new char[head.length() + system.length() + 1 + Math.min(windowChars, conversation.length())];
        head.getChars(0, head.length(), text, 0);
        int end = normalise(system.toCharArray(), Integer.MAX_VALUE, text, head.length());
        text[end++] = '\n';
        end = normalise(conversation.toCharArray(), windowChars, text, end);
        byte[] digest = SHA256.get().digest(utf8(text, end));
        return new PrefixKey(HEX.formatHex(digest, 0, 16));
    }

    /**
     * Writes {@code text} into {@code out} from {@code at} with whitespace runs collapsed to one space and trimmed,
     * at most {@code limit} characters of it (trimmed again where the cut left a trailing space).
     *
     * @return where the written text ends in {@code out}
     */
    static int normalise(char[] text, int limit, char[] out, int at) {
        int start = at;
        int end = limit >= out.length - at ? out.length : at + limit;
        boolean previous = true; // so leading whitespace is dropped
        // Written with few branches, over an array (twice as fast as String.charAt here): prompts alternate words
        // and spaces, which a branchy loop mispredicts.
        for (int i = 0; i < text.length && at < end; i++) {
            char c = text[i];
            boolean space = c < 0x80 ? ASCII_SPACE[c] : Character.isWhitespace(c);
            out[at] = space ? ' ' : c;
            at += space & previous ? 0 : 1;
            previous = space;
        }
        return at > start && out[at - 1] == ' ' ? at - 1 : at;
    }

    private static byte[] utf8(char[] text, int length) {
        byte[] ascii = new byte[length];
        for (int i = 0; i < length; i++) {
            char c = text[i];
            if (c >= 0x80) {
                return new String(text, 0, length).getBytes(StandardCharsets.UTF_8);
            }
            ascii[i] = (byte) c;
        }
        return ascii;
    }

    @Override
    public String toString() {
        return value;
    }
}
