package dev.switchboard.usage;

import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Moves usage rows from the event loop to the database on a thread of its own. Rows wait in a bounded queue and are
 * inserted in batches (when {@code batch_size} are waiting, or {@code flush_interval} after the first); a row that
 * finds the queue full, and every batch the database cannot take, goes to the {@link UsageJournal} instead, which
 * is replayed once the database answers again. Nothing here ever blocks the caller of {@link #offer}.
 */
final class UsageWriter {

    private static final Logger LOG = Logger.getLogger(UsageWriter.class);
    /** Replay chunks per turn of the loop, so fresh rows keep moving while a long journal drains. */
    private static final int REPLAY_CHUNKS_PER_TURN = 10;

    private final UsageStore store;
    private final UsageJournal journal;
    private final BlockingQueue<UsageRow> queue;
    /** Rows that found the queue full; written to the journal by the writer thread, so offer never touches disk. */
    private final ConcurrentLinkedQueue<UsageRow> overflow = new ConcurrentLinkedQueue<>();
    private final AtomicInteger overflowSize = new AtomicInteger();
    private final int batchSize;
    private final long flushNanos;
    private final long retryNanos;
    private final Thread thread;
    private volatile boolean stopping;
    private volatile boolean stopped;
    private boolean reachable = true;
    private long nextTry;
    private UsageJournal.Replay replay;

    UsageWriter(UsageStore store, UsageJournal journal, int queueCapacity, int batchSize, Duration flushInterval,
                Duration retryInterval) {
        this.store = store;
        this.journal = journal;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.batchSize = batchSize;
        this.flushNanos = flushInterval.toNanos();
        this.retryNanos = retryInterval.toNanos();
        this.thread = new Thread(this::run, "usage-writer");
        // Daemon, so a database that hangs cannot hold the process; stop() bounds the wait and journals the rest.
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Hands a row over without blocking: to the queue, or when it is full, to the journal's overflow. */
    void offer(UsageRow row) {
        if (!queue.offer(row)) {
            overflow.add(row);
            overflowSize.incrementAndGet();
        } else if (queue.size() == batchSize) {
            LockSupport.unpark(thread); // a full batch need not wait out the flush interval
        }
        if (stopped) {
            // A request that ended during shutdown: straight to disk, the one time this runs on the caller's thread.
            journalWhatIsQueued();
        }
    }

    /** Rows in memory, not yet in the database or the journal. */
    int queueDepth() {
        return queue.size() + overflowSize.get();
    }

    /** Rows in the journal file, waiting for the database. */
    long journalRows() {
        return journal.rows();
    }

    /**
     * Writes what is queued, to the database or else the journal, and stops the thread; waits at most
     * {@code timeout}, then journals whatever is still queued from the calling thread.
     */
    void stop(Duration timeout) {
        stopping = true;
        LockSupport.unpark(thread);
        try {
            thread.join(Math.max(1, timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stopped = true;
        if (thread.isAlive()) {
            LOG.errorf("usage writer did not finish within %s; journaling the %d rows still queued",
                    timeout, queueDepth());
        }
        journalWhatIsQueued();
    }

    private synchronized void journalWhatIsQueued() {
        List<UsageRow> rest = new ArrayList<>();
        queue.drainTo(rest);
        drainOverflow(rest);
        toJournal(rest);
    }

    private void run() {
        List<UsageRow> batch = new ArrayList<>(batchSize);
        while (true) {
            boolean last = stopping;
            try {
                take(batch, last);
                List<UsageRow> spilled = new ArrayList<>();
                drainOverflow(spilled);
                toJournal(spilled);
                if (!batch.isEmpty()) {
                    write(batch);
                }
                if (!last) {
                    replaySome();
                }
            } catch (RuntimeException e) {
                LOG.errorf(e, "usage writer: unexpected failure; %d rows go to the journal", batch.size());
                toJournal(batch);
            }
            batch.clear();
            if (last && queue.isEmpty() && overflow.isEmpty()) {
                closeReplay();
                return;
            }
        }
    }

    /** Fills {@code batch}: waits for a first row, then up to {@code flush_interval} for the batch to fill. */
    private void take(List<UsageRow> batch, boolean last) {
        if (last) {
            queue.drainTo(batch, batchSize);
            return;
        }
        try {
            UsageRow first = queue.poll(flushNanos, TimeUnit.NANOSECONDS);
            if (first == null) {
                return;
            }
            batch.add(first);
            long deadline = System.nanoTime() + flushNanos;
            // Sleeps rather than waiting on the queue, which would wake this thread (a context switch on the
            // request's core) once per row; offer() wakes it when a whole batch is waiting.
            while (true) {
                queue.drainTo(batch, batchSize - batch.size());
                long left = deadline - System.nanoTime();
                if (batch.size() >= batchSize || left <= 0 || stopping) {
                    return;
                }
                LockSupport.parkNanos(this, left);
            }
        } catch (InterruptedException e) {
            // Never interrupted on purpose (an interrupt can close H2's files): write what was taken and go on.
            Thread.interrupted();
        }
    }

    private void write(List<UsageRow> batch) {
        if (!tryDatabase()) {
            toJournal(batch);
            return;
        }
        try {
            store.insert(batch);
            reached();
        } catch (UsageStore.RowsRefused e) {
            reached();
            writeOneByOne(batch);
        } catch (RuntimeException e) {
            unreachable(e);
            toJournal(batch);
        }
    }

    /** Finds the rows a batch failed on: each is tried alone; refused ones are set aside, the rest go in. */
    private void writeOneByOne(List<UsageRow> batch) {
        for (int i = 0; i < batch.size(); i++) {
            try {
                store.insert(List.of(batch.get(i)));
            } catch (UsageStore.RowsRefused e) {
                setAside(batch.get(i), e);
            } catch (RuntimeException e) {
                unreachable(e);
                toJournal(batch.subList(i, batch.size()));
                return;
            }
        }
    }

    private void setAside(UsageRow row, UsageStore.RowsRefused e) {
        LOG.errorf("usage row %s (request %s) refused by the database, set aside in %s: %s", row.id(),
                row.requestId(), UsageJournal.REJECTED, e.getMessage());
        try {
            journal.reject(List.of(row));
        } catch (IOException io) {
            LOG.errorf("usage row %s lost: could not set it aside: %s", row.id(), io.getMessage());
        }
    }

    /** Moves a bounded part of the journal into the database, when there is a journal and the database answers. */
    private void replaySome() {
        if (journal.rows() == 0 || !tryDatabase()) {
            return;
        }
        try {
            if (replay == null) {
                replay = journal.beginReplay();
                if (replay == null) {
                    return;
                }
                LOG.infof("usage journal: replaying %d rows into the database", journal.rows());
            }
            for (int i = 0; i < REPLAY_CHUNKS_PER_TURN; i++) {
                List<UsageRow> chunk = replay.next(batchSize);
                if (chunk.isEmpty()) {
                    replay.finish();
                    replay = null;
                    LOG.info("usage journal: replay complete");
                    return;
                }
                try {
                    store.insertAbsent(chunk);
                } catch (UsageStore.RowsRefused e) {
                    for (UsageRow row : chunk) {
                        try {
                            store.insertAbsent(List.of(row));
                        } catch (UsageStore.RowsRefused refused) {
                            setAside(row, refused);
                        }
                    }
                }
                replay.committed(chunk.size());
                reached();
            }
        } catch (IOException e) {
            LOG.errorf("usage journal: cannot read it for replay: %s", e.getMessage());
            closeReplay();
        } catch (RuntimeException e) {
            // The replay file stays; the next attempt starts it over, skipping what is already in.
            unreachable(e);
            closeReplay();
        }
    }

    /** Whether to try the database now: it answered last time, or the retry interval has passed. */
    private boolean tryDatabase() {
        if (!reachable && System.nanoTime() - nextTry < 0) {
            return false;
        }
        try {
            store.prepare();
            return true;
        } catch (RuntimeException e) {
            unreachable(e);
            return false;
        }
    }

    private void reached() {
        if (!reachable) {
            LOG.info("usage database reachable again");
        }
        reachable = true;
    }

    private void unreachable(RuntimeException e) {
        if (reachable) {
            LOG.warnf("usage database unreachable, rows go to the journal until it answers: %s", rootMessage(e));
        }
        reachable = false;
        nextTry = System.nanoTime() + retryNanos;
    }

    private void drainOverflow(List<UsageRow> into) {
        UsageRow row;
        while ((row = overflow.poll()) != null) {
            overflowSize.decrementAndGet();
            into.add(row);
        }
    }

    private void toJournal(List<UsageRow> rows) {
        try {
            journal.append(rows);
        } catch (IOException e) {
            LOG.errorf("usage journal %s: cannot write, %d rows lost: %s", journal.file(), rows.size(), e.getMessage());
        }
    }

    private void closeReplay() {
        if (replay != null) {
            try {
                replay.close();
            } catch (IOException ignored) {
                // reading only; nothing to lose
            }
            replay = null;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
