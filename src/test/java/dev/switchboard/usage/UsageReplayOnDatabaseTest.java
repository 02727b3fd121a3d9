package dev.switchboard.usage;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * A journal replayed into the real database lands every row exactly once, even when the process dies mid-replay.
 * The restart is simulated: a second writer is built on the same journal directory, as the next start would.
 */
@QuarkusTest
class UsageReplayOnDatabaseTest {

    @Inject
    UsageDatabase database;

    @Test
    void aJournalReplayedAcrossARestartLandsEachRowOnce() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "replay-journal-"); // @TempDir does not reach Quarkus tests
        String prefix = UsageTesting.requestId("replay") + "-";
        List<UsageRow> rows = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            rows.add(UsageRows.row(prefix + i));
        }
        new UsageJournal(dir).append(rows);
        DyingStore dying = new DyingStore(database, 2); // two chunks of 50 commit, then the process "dies"
        UsageWriter first = new UsageWriter(dying, new UsageJournal(dir), 100, 50, Duration.ofMillis(20),
                Duration.ofMillis(50));
        first.start();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> UsageCounting.rowsAndDistinctRequests(database, prefix)[0] == 100);
        first.stop(Duration.ofSeconds(5));

        UsageWriter second = new UsageWriter(database, new UsageJournal(dir), 100, 50, Duration.ofMillis(20),
                Duration.ofMillis(50));
        second.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> second.journalRows() == 0);
        second.stop(Duration.ofSeconds(5));
        assertArrayEquals(new long[] {250, 250}, UsageCounting.rowsAndDistinctRequests(database, prefix));
    }

    /** The real database until {@code chunks} inserts have committed; after that, as if the process were gone. */
    private static final class DyingStore implements UsageStore {
        private final UsageStore database;
        private final AtomicInteger chunks;

        DyingStore(UsageStore database, int chunks) {
            this.database = database;
            this.chunks = new AtomicInteger(chunks);
        }

        @Override
        public void prepare() {
            database.prepare();
        }

        @Override
        public void insert(List<UsageRow> rows) {
            alive();
            database.insert(rows);
        }

        @Override
        public int insertAbsent(List<UsageRow> rows) {
            alive();
            return database.insertAbsent(rows);
        }

        private void alive() {
            if (chunks.getAndDecrement() <= 0) {
                throw new IllegalStateException("the process is gone");
            }
        }
    }
}
