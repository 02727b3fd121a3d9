package dev.switchboard.routing;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A target's prefix index: fixed memory, newest wins, leading blocks counted. */
class PrefixIndexTest {

    @Test
    void takesSlotsTimesEightBytesRoundedUpToAPowerOfTwo() {
        assertEquals(65536 * 8, new PrefixIndex(65536).bytes());
        assertEquals(1024, new PrefixIndex(1000).slots());
        assertEquals(8, new PrefixIndex(1).bytes());
    }

    @Test
    void staysWithinItsMemoryAndKeepsTheNewestWhenFedFarMoreBlocksThanSlots() {
        PrefixIndex index = new PrefixIndex(1024);
        long[] newest = null;
        for (int conversation = 0; conversation < 1000; conversation++) {
            newest = BlockChain.hashes(("conversation " + conversation + " ".repeat(640)).toCharArray(), "g", 64, 1024);
            index.record(newest);
        }

        assertEquals(1024 * 8, index.bytes());
        assertEquals(newest.length, index.matched(newest));
        long[] oldest = BlockChain.hashes(("conversation 0" + " ".repeat(640)).toCharArray(), "g", 64, 1024);
        assertEquals(0, index.matched(oldest));
    }

    @Test
    void countsOnlyTheLeadingBlocksItHolds() {
        PrefixIndex index = new PrefixIndex(4096);
        long[] blocks = BlockChain.hashes("a".repeat(64 * 6).toCharArray(), "g", 64, 1024);
        index.record(new long[] {blocks[0], blocks[1], blocks[2], blocks[4], blocks[5]});

        assertEquals(3, index.matched(blocks));
        assertEquals(0, index.matched(new long[] {blocks[3], blocks[4]}));
        assertEquals(0, index.matched(new long[0]));
    }
}
