package dev.switchboard.usage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The writer moves every row to the database or the journal, whatever the database does, and never twice. */
class UsageWriterTest {

    @TempDir
    Path dir;

    private final FakeStore store = new FakeStore();
    private final List<UsageWriter> writers = new ArrayList<>();

    @AfterEach
    void stopWriters() {
        writers.forEach(w -> w.stop(Duration.ofSeconds(5)));
    }

    private UsageWriter writer(int capacity) throws Exception {
        UsageWriter writer = new UsageWriter(store, new UsageJournal(dir), capacity, 50, Duration.ofMillis(20),
                Duration.ofMillis(100));
        writers.add(writer);
        return writer;
    }

    private static List<UsageRow> rows(String prefix, int n) {
        List<UsageRow> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(UsageRows.row(prefix + i));
        }
        return rows;
    }

    @Test
    void writesQueuedRowsInBatchesOfAtMostBatchSize() throws Exception {
        UsageWriter writer = writer(10_000);
        writer.start();

        rows("r", 1000).forEach(writer::offer);

        await().atMost(Duration.ofSeconds(10)).until(() -> store.rows.size() == 1000);
        assertTrue(store.largestBatch.get() <= 50, "largest batch " + store.largestBatch.get());
        assertTrue(store.batches.get() < 1000, "rows were batched: " + store.batches.get() + " inserts");
    }

    @Test
    void journalsRowsWhileTheDatabaseIsDownAndReplaysThemOnceItAnswers() throws Exception {
        store.down = true;
        UsageWriter writer = writer(10_000);
        writer.start();

        rows("down-", 120).forEach(writer::offer);
        await().atMost(Duration.ofSeconds(10)).until(() -> writer.journalRows() == 120);
        assertTrue(store.rows.isEmpty());
        store.down = false;

        await().atMost(Duration.ofSeconds(10)).until(() -> store.rows.size() == 120 && writer.journalRows() == 0);
        assertFalse(Files.exists(dir.resolve(UsageJournal.REPLAYING)));
        assertEquals(120, store.rows.size());
    }

    @Test
    void rowsThatFindTheQueueFullGoThroughTheJournalAndAreNotLost() throws Exception {
        UsageWriter writer = writer(10);

        rows("burst-", 500).forEach(writer::offer); // not started yet: 10 fit in the queue, 490 overflow
        assertEquals(500, writer.queueDepth());
        writer.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> store.rows.size() == 500 && writer.journalRows() == 0);
        assertEquals(500, store.rows.size());
    }

    @Test
    void setsAsideARowTheDatabaseRefusesAndWritesTheOthers() throws Exception {
        List<UsageRow> rows = rows("mixed-", 10);
        store.refused.add(rows.get(3).id());
        UsageWriter writer = writer(100);
        writer.start();

        rows.forEach(writer::offer);

        await().atMost(Duration.ofSeconds(10)).until(() -> store.rows.size() == 9);
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(dir.resolve(UsageJournal.REJECTED)));
        List<String> rejected = Files.readAllLines(dir.resolve(UsageJournal.REJECTED));
        assertEquals(1, rejected.size());
        assertTrue(rejected.get(0).contains("mixed-3"));
        assertEquals(0, writer.journalRows(), "a refused row is not retried forever");
    }

    @Test
    void stoppingWritesWhatIsQueuedToTheDatabase() throws Exception {
        UsageWriter writer = new UsageWriter(store, new UsageJournal(dir), 10_000, 50, Duration.ofSeconds(30),
                Duration.ofSeconds(30));
        writer.start();
        rows("last-", 300).forEach(writer::offer);

        writer.stop(Duration.ofSeconds(10));

        assertEquals(300, store.rows.size());
    }

    @Test
    void stoppingWhileTheDatabaseIsDownKeepsEveryRowInTheJournalForTheNextStart() throws Exception {
        store.down = true;
        UsageWriter writer = new UsageWriter(store, new UsageJournal(dir), 10_000, 50, Duration.ofSeconds(30),
                Duration.ofSeconds(30));
        writer.start();
        rows("kept-", 300).forEach(writer::offer);

        writer.stop(Duration.ofSeconds(10));
        writer.offer(UsageRows.row("late")); // a request that ended after the writer stopped

        assertEquals(301, new UsageJournal(dir).rows());
        store.down = false;
        UsageWriter next = writer(10_000);
        next.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> store.rows.size() == 301 && next.journalRows() == 0);
    }

    @Test
    void aReplayInterruptedByARestartStillLandsEveryRowExactlyOnce() throws Exception {
        UsageJournal journal = new UsageJournal(dir);
        journal.append(rows("replay-", 400));
        store.failInsertsAfter.set(3); // three chunks of 50 commit, then the database goes away mid-replay
        UsageWriter first = writer(100);
        first.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> store.rows.size() == 150);
        first.stop(Duration.ofSeconds(5));

        store.failInsertsAfter.set(Integer.MAX_VALUE);
        UsageWriter second = writer(100); // the next start, on the same journal files
        second.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> second.journalRows() == 0);
        assertEquals(400, store.rows.size());
        assertEquals(400, store.attemptedIds.size(), "no id was written twice");
    }

    /** Stands in for the database: insert-if-absent by id, and can be down or refuse given rows. */
    private static final class FakeStore implements UsageStore {
        final Map<String, UsageRow> rows = new ConcurrentHashMap<>();
        final Set<String> attemptedIds = ConcurrentHashMap.newKeySet();
        final Set<String> refused = ConcurrentHashMap.newKeySet();
        final AtomicInteger batches = new AtomicInteger();
        final AtomicInteger largestBatch = new AtomicInteger();
        final AtomicInteger failInsertsAfter = new AtomicInteger(Integer.MAX_VALUE);
        volatile boolean down;

        @Override
        public void prepare() {
            check(List.of());
        }

        @Override
        public synchronized void insert(List<UsageRow> batch) {
            check(batch);
            for (UsageRow row : batch) {
                if (rows.putIfAbsent(row.id(), row) != null) {
                    throw new RowsRefused(new IllegalStateException("duplicate key " + row.id()));
                }
                attemptedIds.add(row.id());
            }
        }

        @Override
        public synchronized int insertAbsent(List<UsageRow> batch) {
            check(batch);
            int inserted = 0;
            for (UsageRow row : batch) {
                if (rows.putIfAbsent(row.id(), row) == null) {
                    inserted++;
                    if (!attemptedIds.add(row.id())) {
                        throw new AssertionError("inserted twice: " + row.id());
                    }
                }
            }
            return inserted;
        }

        private void check(List<UsageRow> batch) {
            if (down) {
                throw new IllegalStateException("connection refused");
            }
            if (!batch.isEmpty() && failInsertsAfter.getAndDecrement() <= 0) {
                failInsertsAfter.set(0);
                throw new IllegalStateException("connection reset");
            }
            for (UsageRow row : batch) {
                if (refused.contains(row.id())) {
                    throw new RowsRefused(new IllegalArgumentException("value too long for column"));
                }
            }
            batches.incrementAndGet();
            largestBatch.accumulateAndGet(batch.size(), Math::max);
        }
    }
}
