package dev.switchboard.routing;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The block chain: shared text gives shared leading hashes, and nothing else does. */
class BlockChainTest {

    private static final String SYSTEM = "system\nYou are a careful reviewer of pull requests in a large codebase.\n\n";
    private static final String TURN1 = "user\nPlease review the following change to the scheduler, which reorders"
            + " the queue when a request is preempted.\n\n";
    private static final String TURN2 = "assistant\nThe change looks right, but the comparator ignores arrival"
            + " time for equal priorities.\n\n";

    private static long[] chain(String text) {
        return BlockChain.hashes(text.toCharArray(), "coder", 64, 1024);
    }

    @Test
    void keepsTheEarlierBlocksHashesWhenATurnIsAdded() {
        long[] before = chain(SYSTEM + TURN1);
        long[] after = chain(SYSTEM + TURN1 + TURN2);
        int full = (SYSTEM + TURN1).length() / 64;

        assertTrue(after.length > before.length);
        assertArrayEquals(Arrays.copyOf(before, full), Arrays.copyOf(after, full));
    }

    @Test
    void changesEveryLaterBlockWhenAnEarlyMessageChanges() {
        String original = SYSTEM + TURN1 + TURN2;
        String edited = SYSTEM + TURN1.replace("scheduler", "dispatcher") + TURN2;
        int firstChangedBlock = (SYSTEM + TURN1).indexOf("scheduler") / 64;

        long[] before = chain(original);
        long[] after = chain(edited);

        assertTrue(firstChangedBlock >= 1);
        for (int i = 0; i < firstChangedBlock; i++) {
            assertEquals(before[i], after[i], "block " + i);
        }
        for (int i = firstChangedBlock; i < Math.min(before.length, after.length); i++) {
            assertNotEquals(before[i], after[i], "block " + i);
        }
    }

    @Test
    void differsPerModelGroupAndHashesAPartialLastBlock() {
        assertNotEquals(chain("hello")[0], BlockChain.hashes("hello".toCharArray(), "writer", 64, 10)[0]);
        assertEquals(1, chain("hello").length);
        assertEquals(0, chain("").length);
        assertEquals(3, chain("x".repeat(129)).length);
    }

    @Test
    void hashesNoMoreThanTheMaximumNumberOfBlocks() {
        long[] capped = BlockChain.hashes("y".repeat(64 * 100).toCharArray(), "coder", 64, 10);

        assertEquals(10, capped.length);
        assertArrayEquals(Arrays.copyOf(chain("y".repeat(64 * 100)), 10), capped);
    }

    @Test
    void spreadsLowBitsEvenlyAndIsNeverZero() {
        Set<Integer> slots = new HashSet<>();
        for (int i = 0; i < 1024; i++) {
            char[] text = ("prompt number " + i).toCharArray();
            long hash = BlockChain.block(BlockChain.seed("g"), text, 0, text.length);
            assertNotEquals(0, hash);
            slots.add((int) hash & 1023);
        }
        // 1024 random keys into 1024 slots fill about 1 - 1/e = 63% of them
        assertTrue(slots.size() > 600, "distinct slots " + slots.size());
    }
}
