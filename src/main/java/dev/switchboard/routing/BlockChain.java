package dev.switchboard.routing;

/**
 * A prompt's canonical text as a chain of block hashes, as vLLM's prefix cache keys its KV blocks: the text is cut
 * into blocks of {@code block_chars} characters and each block's 64-bit hash covers its own characters and the hash
 * before it (the first is seeded with the model group's name). Two prompts therefore share exactly the leading block
 * hashes of the text they share, and counting the leading blocks a server has seen measures how much of a prompt it
 * may still hold in its cache. A last, partial block is hashed too, so short prompts have a block to route by.
 *
 * <p>The hash reads four characters per step with a MurmurHash3-style mix and a 64-bit finaliser: fast, well spread
 * (its low bits index {@link PrefixIndex}), and not meant to resist a chosen collision. Never 0, which marks an
 * empty index slot.
 */
final class BlockChain {

    private static final long C1 = 0x87c37b91114253d5L;
    private static final long C2 = 0x4cf5ad432745937fL;

    private BlockChain() {
    }

    /**
     * @param maxBlocks most blocks hashed; text past them is not looked at
     * @return one hash per block of {@code text}, in order
     */
    static long[] hashes(char[] text, String group, int blockChars, int maxBlocks) {
        int count = Math.min(maxBlocks, (text.length + blockChars - 1) / blockChars);
        long[] hashes = new long[count];
        long hash = seed(group);
        for (int b = 0; b < count; b++) {
            int from = b * blockChars;
            hash = block(hash, text, from, Math.min(text.length, from + blockChars));
            hashes[b] = hash;
        }
        return hashes;
    }

    /** Where a group's chain starts; also what a prompt without text routes by. */
    static long seed(String group) {
        return block(0x9e3779b97f4a7c15L, group.toCharArray(), 0, group.length());
    }

    /**
     * The hash of {@code text[from, to)} chained onto {@code previous}. Two lanes take alternate 4-character words,
     * so the multiply chains of both run at once.
     */
    static long block(long previous, char[] text, int from, int to) {
        long h1 = previous ^ ((long) (to - from) * C2);
        long h2 = Long.rotateLeft(previous, 31) ^ C1;
        int i = from;
        for (; i + 8 <= to; i += 8) {
            h1 ^= mixK(word(text, i));
            h2 ^= mixK(word(text, i + 4));
            h1 = Long.rotateLeft(h1, 27) * 5 + 0x52dce729;
            h2 = Long.rotateLeft(h2, 31) * 5 + 0x38495ab5;
        }
        for (; i < to; i++) {
            h1 ^= mixK(text[i]);
            h1 = Long.rotateLeft(h1, 27) * 5 + 0x52dce729;
        }
        long h = finish(h1 + Long.rotateLeft(h2, 17));
        return h == 0 ? 1 : h;
    }

    private static long word(char[] text, int at) {
        return text[at] | (long) text[at + 1] << 16 | (long) text[at + 2] << 32 | (long) text[at + 3] << 48;
    }

    /** MurmurHash3's 64-bit finaliser: every input bit affects every output bit. */
    static long finish(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    private static long mixK(long k) {
        k *= C1;
        k = Long.rotateLeft(k, 31);
        return k * C2;
    }
}
