package dev.switchboard.config;

import io.smallrye.config.WithDefault;

/**
 * {@code switchboard.routing}: how prefix-aware routing ({@code strategy: prefix-affinity}) reads prompts and
 * remembers where their prefixes went. Unused by groups with other strategies.
 */
public interface RoutingConfig {

    /**
     * Characters of the conversation after the system prompt (role and text of each message, whitespace collapsed)
     * that go into a request's prefix key; later turns of a conversation longer than this keep its key.
     */
    @WithDefault("2048")
    int prefixWindowChars();

    /** Characters of canonical prompt text per hashed block; 64 characters are about 16 tokens, vLLM's block size. */
    @WithDefault("64")
    int blockChars();

    /**
     * Most leading blocks of a prompt hashed and indexed; a longer shared prefix counts as this long. Bounds the
     * work per request and how much of a target's index one huge prompt can take.
     */
    @WithDefault("1024")
    int maxPrefixBlocks();

    /**
     * Slots of each target's prefix index (rounded up to a power of two), 8 bytes each: the memory one target's
     * index takes, whatever the traffic. More slots remember more prefixes before newer ones overwrite them.
     */
    @WithDefault("65536")
    int indexSlots();

    /**
     * A target holding a request's prefix is passed over when its requests in flight exceed the eligible targets'
     * average times this factor, plus one. 1.0 by measurement: on the prefix suite's thrashing caches it kept the
     * cache hit rate of 1.5 and brought the load spread from 1.45 to 1.03 (docs/benchmarks.md), because a prefix
     * that overflows is then held by two servers.
     */
    @WithDefault("1.0")
    double overloadFactor();
}
