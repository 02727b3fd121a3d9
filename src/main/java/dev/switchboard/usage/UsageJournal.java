package dev.switchboard.usage;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.jboss.logging.Logger;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The append-only file that holds usage rows the database could not take (it was unreachable, or the queue was
 * full): one JSON object per line, forced to disk per batch. Rows leave it only by replay: the file is renamed to
 * {@code usage-journal.replaying.jsonl} (new rows start a fresh journal), replayed in chunks with insert-if-absent,
 * and deleted once every chunk is committed, so a crash at any point replays again without duplicating a row.
 */
final class UsageJournal {

    static final String FILE = "usage-journal.jsonl";
    static final String REPLAYING = "usage-journal.replaying.jsonl";
    static final String REJECTED = "usage-rejected.jsonl";
    private static final Logger LOG = Logger.getLogger(UsageJournal.class);

    private final Path dir;
    private final Path file;
    private final Path replaying;
    private final Path rejected;
    private final ObjectMapper json = UsageJson.MAPPER;
    private final AtomicLong rows = new AtomicLong();
    private FileChannel out;

    UsageJournal(Path dir) throws IOException {
        this.dir = dir;
        this.file = dir.resolve(FILE);
        this.replaying = dir.resolve(REPLAYING);
        this.rejected = dir.resolve(REJECTED);
        Files.createDirectories(dir);
        recount();
    }

    /** Rows held in the journal and not yet known to be in the database. */
    long rows() {
        return rows.get();
    }

    Path file() {
        return file;
    }

    /** Appends rows and forces them to disk before returning. */
    synchronized void append(List<UsageRow> batch) throws IOException {
        if (batch.isEmpty()) {
            return;
        }
        if (out == null) {
            out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        }
        write(out, batch);
        rows.addAndGet(batch.size());
    }

    /** Keeps rows the database refused as data errors, for an operator to look at; they are not replayed. */
    synchronized void reject(List<UsageRow> batch) throws IOException {
        try (FileChannel channel = FileChannel.open(rejected, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            write(channel, batch);
        }
    }

    /**
     * Starts replaying: the file left by an interrupted replay, else the journal itself, renamed so that rows
     * appended meanwhile wait for the next replay. Null when there is nothing to replay.
     */
    synchronized Replay beginReplay() throws IOException {
        if (!Files.exists(replaying)) {
            if (!Files.exists(file) || Files.size(file) == 0) {
                return null;
            }
            closeOut();
            Files.move(file, replaying, StandardCopyOption.ATOMIC_MOVE);
            forceDirectory();
        }
        recount(); // a replay begun again re-reads rows already committed; insert-if-absent skips them
        return new Replay(Files.newBufferedReader(replaying, StandardCharsets.UTF_8));
    }

    synchronized void close() throws IOException {
        closeOut();
    }

    private void write(FileChannel channel, List<UsageRow> batch) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(batch.size() * 512);
        for (UsageRow row : batch) {
            json.writeValue(bytes, row);
            bytes.write('\n');
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes.toByteArray());
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        channel.force(false);
    }

    private void closeOut() throws IOException {
        if (out != null) {
            out.close();
            out = null;
        }
    }

    private void recount() throws IOException {
        rows.set(lines(file) + lines(replaying));
    }

    private static long lines(Path path) throws IOException {
        if (!Files.exists(path)) {
            return 0;
        }
        try (var lines = Files.lines(path, StandardCharsets.UTF_8)) {
            return lines.filter(line -> !line.isBlank()).count();
        }
    }

    /** A rename or delete survives a crash only once the directory itself is forced to disk. */
    private void forceDirectory() {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            LOG.debugf("could not force directory %s: %s", dir, e.getMessage()); // not supported on every platform
        }
    }

    /** One pass over the replay file, chunk by chunk. */
    final class Replay implements AutoCloseable {

        private final BufferedReader reader;
        private long line;

        private Replay(BufferedReader reader) {
            this.reader = reader;
        }

        /** The next rows, at most {@code max}; empty at the end of the file. */
        List<UsageRow> next(int max) throws IOException {
            List<UsageRow> chunk = new ArrayList<>(max);
            String text;
            while (chunk.size() < max && (text = reader.readLine()) != null) {
                line++;
                if (text.isBlank()) {
                    continue;
                }
                try {
                    chunk.add(json.readValue(text, UsageRow.class));
                } catch (IOException e) {
                    // Only a write cut short by a crash leaves such a line; its batch was never acknowledged.
                    LOG.errorf("usage journal %s line %d is not a row and is skipped: %s", replaying, line,
                            e.getMessage());
                    rows.decrementAndGet();
                }
            }
            return chunk;
        }

        /** Records that rows read by {@link #next} are committed to the database. */
        void committed(int count) {
            rows.addAndGet(-count);
        }

        /** Deletes the replay file: call only once every row read from it is committed. */
        void finish() throws IOException {
            close();
            synchronized (UsageJournal.this) {
                Files.deleteIfExists(replaying);
                forceDirectory();
            }
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }
}
