package dev.switchboard.simulator;

/**
 * What the simulated model answers, in pieces sent one per inter-token tick. Each dialect writes it in its own shape.
 */
sealed interface Reply {

    /** Pieces streamed, and completion tokens reported. */
    int pieces();

    /**
     * Text made of {@link SimulatedText} tokens.
     *
     * @param truncated true when {@code max_tokens} cut the answer short (finish reason "length")
     */
    record Text(int tokens, boolean truncated) implements Reply {
        @Override
        public int pieces() {
            return tokens;
        }
    }

    /** A call of one tool; the arguments, a JSON object, stream in 4-character fragments (one per token). */
    record ToolCall(String id, String name, String arguments) implements Reply {
        @Override
        public int pieces() {
            return Math.max(1, (arguments.length() + PromptText.CHARS_PER_TOKEN - 1) / PromptText.CHARS_PER_TOKEN);
        }

        String fragment(int index) {
            int from = index * PromptText.CHARS_PER_TOKEN;
            return arguments.substring(Math.min(from, arguments.length()),
                    Math.min(from + PromptText.CHARS_PER_TOKEN, arguments.length()));
        }
    }
}
