package dev.switchboard.usage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The journal file: rows kept on disk while the database is away, replayed once and only once. */
class UsageJournalTest {

    @TempDir
    Path dir;

    @Test
    void keepsAppendedRowsAcrossARestart() throws Exception {
        UsageJournal journal = new UsageJournal(dir);
        journal.append(List.of(UsageRows.row("a"), UsageRows.row("b")));
        journal.append(List.of(UsageRows.row("c")));
        journal.close();

        UsageJournal reopened = new UsageJournal(dir);

        assertEquals(3, reopened.rows());
        assertEquals(3, Files.readAllLines(dir.resolve(UsageJournal.FILE)).size());
    }

    @Test
    void givesBackEveryFieldOfARowUnchanged() throws Exception {
        UsageRow row = new UsageRow(UsageRecorder.newId(1_750_000_000_123L), "req,\"odd\"\nid",
                Instant.ofEpochMilli(1_750_000_000_123L), "c", null, "p", "anthropic", "g", null, null, null, 3,
                "a/x:connect_error,b/y:upstream_429,c/z:ok", true, 200, null, true, 0.25, 1234.5, 7, 8, 9, 10, 11,
                true, new BigDecimal("0.0000000100"), "k", "{\"model\":\"g\"}");
        UsageJournal journal = new UsageJournal(dir);
        journal.append(List.of(row));

        UsageJournal.Replay replay = journal.beginReplay();

        assertEquals(List.of(row), replay.next(10));
    }

    @Test
    void replayMovesTheJournalAsideSoRowsAddedMeanwhileWaitForTheNextReplay() throws Exception {
        UsageJournal journal = new UsageJournal(dir);
        journal.append(List.of(UsageRows.row("old-1"), UsageRows.row("old-2")));

        UsageJournal.Replay replay = journal.beginReplay();
        journal.append(List.of(UsageRows.row("new-1")));
        List<UsageRow> replayed = replay.next(10);
        replay.committed(replayed.size());
        replay.finish();

        assertEquals(List.of("old-1", "old-2"), replayed.stream().map(UsageRow::requestId).toList());
        assertFalse(Files.exists(dir.resolve(UsageJournal.REPLAYING)));
        assertEquals(1, journal.rows());
        assertEquals("new-1", journal.beginReplay().next(10).get(0).requestId());
    }

    @Test
    void aReplayCutShortStartsOverFromTheSameRowsAfterARestart() throws Exception {
        UsageJournal journal = new UsageJournal(dir);
        journal.append(List.of(UsageRows.row("r1"), UsageRows.row("r2"), UsageRows.row("r3")));
        UsageJournal.Replay replay = journal.beginReplay();
        replay.committed(replay.next(2).size());
        replay.close(); // the process dies here: the replay file is still on disk

        UsageJournal restarted = new UsageJournal(dir);
        UsageJournal.Replay again = restarted.beginReplay();

        assertEquals(3, restarted.rows(), "rows stay counted until the whole file is committed");
        assertEquals(List.of("r1", "r2", "r3"), again.next(10).stream().map(UsageRow::requestId).toList());
    }

    @Test
    void skipsALineACrashCutShort() throws Exception {
        UsageJournal journal = new UsageJournal(dir);
        journal.append(List.of(UsageRows.row("whole")));
        Files.writeString(dir.resolve(UsageJournal.FILE), "{\"id\":\"0123\",\"request_id\":\"cut",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        UsageJournal reopened = new UsageJournal(dir);

        UsageJournal.Replay replay = reopened.beginReplay();
        List<UsageRow> rows = replay.next(10);

        assertEquals(List.of("whole"), rows.stream().map(UsageRow::requestId).toList());
        assertEquals(1, reopened.rows());
    }

    @Test
    void hasNothingToReplayWhenEmpty() throws Exception {
        UsageJournal journal = new UsageJournal(dir);

        assertNull(journal.beginReplay());
        assertEquals(0, journal.rows());
        assertTrue(Files.isDirectory(dir));
    }
}
