package dev.switchboard.simulator;

import java.util.ArrayDeque;

/**
 * At most {@code maxRunning} generations run at once; the others wait in arrival order, as in vLLM's scheduler.
 * Changed on the server's event loop only; the counts are volatile so tests can read them from any thread.
 */
final class Scheduler {

    private final int maxRunning;
    private final ArrayDeque<Generation> queue = new ArrayDeque<>();
    private volatile int running;
    private volatile int waiting;

    Scheduler(int maxRunning) {
        this.maxRunning = maxRunning;
    }

    void submit(Generation generation) {
        if (running < maxRunning) {
            running++;
            generation.start();
        } else {
            queue.addLast(generation);
            waiting++;
        }
    }

    /** A running generation ended (answered, cut, or its client left): its slot goes to the next in line. */
    void finished() {
        running--;
        Generation next = queue.pollFirst();
        if (next != null) {
            waiting--;
            running++;
            next.start();
        }
    }

    /** A waiting generation's client left. */
    void abandon(Generation generation) {
        if (queue.remove(generation)) {
            waiting--;
        }
    }

    int running() {
        return running;
    }

    int waiting() {
        return waiting;
    }
}
