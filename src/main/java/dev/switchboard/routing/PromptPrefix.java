package dev.switchboard.routing;

import dev.switchboard.dialect.Dialect;
import dev.switchboard.dialect.JsonBody;

/**
 * A request's prompt prefix, worked out only when asked: its {@link PrefixKey} and its {@link BlockChain} hashes.
 * Reading the prompt costs a streaming pass over the body's message fields and hashing its text, so requests to
 * groups whose strategy ignores prompts pay nothing unless the caller asks for the key. Each result is computed once
 * and kept.
 *
 * <p>Belongs to one request and is used from its event loop only, so the memoisation needs no locking.
 */
public final class PromptPrefix {

    /** The prefix of a request without a prompt: no blocks, and the key of empty text. */
    public static final PromptPrefix NONE = new PromptPrefix(null, Dialect.OPENAI_CHAT, "", "", new Settings(0, 64, 1));

    static {
        // Computed here, at class initialisation, so the shared instance is safely published to every thread.
        NONE.key();
        NONE.blocks();
    }

    /**
     * How prompts are cut: {@code switchboard.routing.prefix_window_chars}, {@code block_chars},
     * {@code max_prefix_blocks}.
     */
    record Settings(int windowChars, int blockChars, int maxBlocks) { }

    private final JsonBody body;
    private final Dialect dialect;
    private final String tenant;
    private final String group;
    private final Settings settings;
    private Prompt prompt;
    private PrefixKey key;
    private long[] blocks;

    PromptPrefix(JsonBody body, Dialect dialect, String tenant, String group, Settings settings) {
        this.body = body;
        this.dialect = dialect;
        this.tenant = tenant;
        this.group = group;
        this.settings = settings;
    }

    /** The prefix key, computed on first use. */
    public PrefixKey key() {
        if (key == null) {
            key = PrefixKey.of(tenant, group, prompt(), settings.windowChars());
        }
        return key;
    }

    /** The block chain's hashes, computed on first use; empty for a prompt without text. Do not modify. */
    long[] blocks() {
        if (blocks == null) {
            int maxChars = (int) Math.min(Integer.MAX_VALUE, (long) settings.blockChars() * settings.maxBlocks());
            blocks = BlockChain.hashes(prompt().canonical(maxChars), group, settings.blockChars(), settings.maxBlocks());
        }
        return blocks;
    }

    /** The first block's hash, or the group's seed when there is none: what a new prefix is spread by. */
    long firstBlock() {
        long[] chain = blocks();
        return chain.length > 0 ? chain[0] : BlockChain.seed(group);
    }

    private Prompt prompt() {
        if (prompt == null) {
            prompt = body == null ? Prompt.EMPTY : Prompt.of(body, dialect);
        }
        return prompt;
    }
}
