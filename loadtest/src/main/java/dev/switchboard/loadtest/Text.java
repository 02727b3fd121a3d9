package dev.switchboard.loadtest;

import java.util.SplittableRandom;

/**
 * Made-up prose of a given length in tokens, counted as the simulator counts them (4 characters a token). The same
 * seed gives the same text, so two runs, or two strategies, send the same prompts.
 */
final class Text {

    static final int CHARS_PER_TOKEN = 4;

    private static final String[] WORDS = {
        "router", "stream", "token", "latency", "cache", "prefix", "tenant", "model", "group", "target", "weight",
        "health", "budget", "request", "answer", "context", "window", "kernel", "batch", "queue", "shard", "replica",
        "socket", "buffer", "frame", "event", "header", "status", "retry", "deadline", "usage", "price", "report",
        "the", "a", "of", "to", "and", "in", "on", "for", "with", "when", "then", "each", "every", "first", "last",
        "fast", "slow", "warm", "cold", "long", "short", "shared", "local", "remote", "steady", "bounded", "quiet",
    };

    private Text() {
    }

    /** About {@code tokens} tokens of words drawn from {@code seed}, cut to exactly {@code tokens * 4} characters. */
    static String of(int tokens, long seed) {
        int chars = tokens * CHARS_PER_TOKEN;
        StringBuilder out = new StringBuilder(chars + 16);
        SplittableRandom random = new SplittableRandom(seed);
        while (out.length() < chars) {
            if (!out.isEmpty()) {
                out.append(random.nextInt(12) == 0 ? ". " : " ");
            }
            out.append(WORDS[random.nextInt(WORDS.length)]);
        }
        out.setLength(chars);
        return out.toString();
    }
}
