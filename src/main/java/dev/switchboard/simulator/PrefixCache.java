package dev.switchboard.simulator;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The prefix KV-cache model. A prompt is cut into blocks of {@code blockTokens} tokens (4 characters a token); each
 * block's hash chains over every block before it, as in vLLM's automatic prefix caching, so a block matches only when
 * the whole prefix up to it matches. Only full blocks are cached. Used on the server's event loop only.
 */
final class PrefixCache {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private final int blockChars;
    private final int blockTokens;
    private final LruBlocks blocks;

    PrefixCache(int blockTokens, int capacityBlocks) {
        this.blockTokens = blockTokens;
        this.blockChars = blockTokens * PromptText.CHARS_PER_TOKEN;
        this.blocks = new LruBlocks(capacityBlocks);
    }

    /**
     * Looks the prompt's leading blocks up, then caches all of its full blocks.
     *
     * @return prompt tokens served from the cache
     */
    int lookupAndInsert(String prompt, int promptTokens) {
        int fullBlocks = prompt.length() / blockChars;
        long[] hashes = new long[fullBlocks];
        long hash = FNV_OFFSET;
        int matched = 0;
        boolean matching = true;
        for (int b = 0; b < fullBlocks; b++) {
            hash = blockHash(hash, prompt, b * blockChars);
            hashes[b] = hash;
            if (matching && blocks.containsKey(hash)) {
                matched++;
            } else {
                matching = false;
            }
        }
        // Touch the tail first so the leading blocks, shared by most prompts, are the last to be evicted.
        for (int b = fullBlocks - 1; b >= 0; b--) {
            blocks.put(hashes[b], Boolean.TRUE);
        }
        return Math.min(matched * blockTokens, promptTokens);
    }

    private long blockHash(long previous, String prompt, int from) {
        long hash = (previous ^ FNV_OFFSET) * FNV_PRIME;
        for (int i = from, end = from + blockChars; i < end; i++) {
            hash = (hash ^ prompt.charAt(i)) * FNV_PRIME;
        }
        return hash;
    }

    private static final class LruBlocks extends LinkedHashMap<Long, Boolean> {
        private final int capacity;

        LruBlocks(int capacity) {
            super(Math.min(capacity, 1 << 16), 0.75f, true);
            this.capacity = capacity;
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
            return size() > capacity;
        }
    }
}
