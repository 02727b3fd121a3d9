package dev.switchboard.routing;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The block hashes recently sent to one endpoint, as an approximate, fixed-size index: a direct-mapped table of
 * {@code switchboard.routing.index_slots} 64-bit slots, each holding the newest block hash that fell into it. Memory
 * is the slot count times 8 bytes from the start and never grows; an old prefix fades as newer blocks overwrite its
 * slots, roughly as an upstream's cache evicts it. A false "present" needs a full 64-bit hash collision.
 *
 * <p>Shared by every group that targets the endpoint, read and written from any event loop without locks: a lost
 * update only makes the index forget or miss one block, which routing tolerates.
 */
public final class PrefixIndex {

    private final AtomicLongArray slots;
    private final int mask;

    /** @param slots rounded up to a power of two */
    PrefixIndex(int slots) {
        int size = slots <= 1 ? 1 : Integer.highestOneBit(slots - 1) << 1;
        this.slots = new AtomicLongArray(size);
        this.mask = size - 1;
    }

    /** How many of {@code blocks}, from the first on, this endpoint has been sent. */
    int matched(long[] blocks) {
        for (int i = 0; i < blocks.length; i++) {
            if (slots.getOpaque(slot(blocks[i])) != blocks[i]) {
                return i;
            }
        }
        return blocks.length;
    }

    /** Notes that {@code blocks} were sent to this endpoint. */
    void record(long[] blocks) {
        for (long block : blocks) {
            int slot = slot(block);
            // Skip unchanged slots: a conversation's next turn rewrites mostly its own blocks, and a write would
            // still take the cache line from the other cores.
            if (slots.getOpaque(slot) != block) {
                slots.setOpaque(slot, block);
            }
        }
    }

    /** The slot count. */
    public int slots() {
        return slots.length();
    }

    /** Memory the slots take, in bytes: fixed at construction. */
    public long bytes() {
        return 8L * slots.length();
    }

    private int slot(long hash) {
        return (int) hash & mask;
    }
}
