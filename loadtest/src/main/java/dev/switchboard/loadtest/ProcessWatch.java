package dev.switchboard.loadtest;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples processes from {@code /proc} over the measured window: CPU time ({@code utime + stime} of
 * {@code /proc/<pid>/stat}), resident memory ({@code VmRSS} of {@code /proc/<pid>/status}) and open sockets (entries
 * of {@code /proc/<pid>/fd} that link to {@code socket:}). Several pids under one label are summed (nginx's workers).
 * Runs on its own daemon thread so a slow {@code /proc} read never holds the event loop.
 */
final class ProcessWatch implements AutoCloseable {

    /** Linux's USER_HZ: the unit of utime and stime, 100 on every mainstream kernel. */
    private static final double TICKS_PER_SECOND = 100.0;

    /** One sample: seconds since the window opened, RSS in KiB, open sockets, CPU seconds so far. */
    record Sample(double atSeconds, long rssKb, int sockets, double cpuSeconds) {
    }

    /**
     * What one label used: {@code cpuSeconds} from the window's opening to the last sample (after the drain),
     * {@code cpuSecondsInWindow} to the window's end only (NaN when the run never reached it), which is what a
     * completed request costs in steady state when divided by the requests that ended inside the window.
     */
    record Result(String label, List<Long> pids, double wallSeconds, double cpuSeconds, double cpuSecondsInWindow,
            List<Sample> samples, boolean gone) {
    }

    private final List<Options.Watch> watches;
    private final Duration every;
    private final ScheduledExecutorService timer;
    private final List<List<Sample>> samples = new ArrayList<>();
    private final boolean[] gone;
    private double[] windowEndCpu;
    private long startNanos;
    private double[] startCpu;
    private volatile boolean running;

    ProcessWatch(List<Options.Watch> watches, Duration every) {
        this.watches = List.copyOf(watches);
        this.every = every;
        this.gone = new boolean[watches.size()];
        for (int i = 0; i < watches.size(); i++) {
            samples.add(new ArrayList<>());
        }
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "process-watch");
            t.setDaemon(true);
            return t;
        });
    }

    void start() {
        timer.execute(() -> {
            startNanos = System.nanoTime();
            startCpu = new double[watches.size()];
            for (int i = 0; i < watches.size(); i++) {
                startCpu[i] = cpuSeconds(watches.get(i).pids(), i);
            }
            running = true;
            sample();
        });
        timer.scheduleAtFixedRate(() -> {
            if (running) {
                sample();
            }
        }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Samples now, as the measured window ends, without waiting for it (called on the event loop). */
    void windowClosed() {
        timer.execute(() -> {
            if (running) {
                sample();
                markWindowEnd();
            }
        });
    }

    /** Takes the last sample and stops sampling. */
    void stop() {
        try {
            timer.submit(() -> {
                if (running) {
                    sample();
                    running = false;
                }
            }).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            running = false;
        }
    }

    synchronized List<Result> results() {
        List<Result> out = new ArrayList<>();
        for (int i = 0; i < watches.size(); i++) {
            List<Sample> s = List.copyOf(samples.get(i));
            double wall = s.isEmpty() ? 0 : s.getLast().atSeconds();
            double cpu = s.isEmpty() ? 0 : s.getLast().cpuSeconds();
            double inWindow = windowEndCpu == null ? Double.NaN : windowEndCpu[i];
            out.add(new Result(watches.get(i).label(), watches.get(i).pids(), wall, cpu, inWindow, s, gone[i]));
        }
        return out;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    private synchronized void sample() {
        double at = (System.nanoTime() - startNanos) / 1e9;
        for (int i = 0; i < watches.size(); i++) {
            List<Long> pids = watches.get(i).pids();
            long rss = 0;
            int sockets = 0;
            for (long pid : pids) {
                rss += rssKb(pid, i);
                sockets += sockets(pid);
            }
            double cpu = cpuSeconds(pids, i) - startCpu[i];
            samples.get(i).add(new Sample(at, rss, sockets, cpu));
        }
    }

    private synchronized void markWindowEnd() {
        windowEndCpu = new double[watches.size()];
        for (int i = 0; i < watches.size(); i++) {
            windowEndCpu[i] = samples.get(i).getLast().cpuSeconds();
        }
    }

    private double cpuSeconds(List<Long> pids, int index) {
        long ticks = 0;
        for (long pid : pids) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                // the command name may hold spaces and parentheses: count fields after the last ')'
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            } catch (IOException | RuntimeException e) {
                gone[index] = true;
            }
        }
        return ticks / TICKS_PER_SECOND;
    }

    private long rssKb(long pid, int index) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.substring(6).replace("kB", "").strip());
                }
            }
        } catch (IOException | RuntimeException e) {
            gone[index] = true;
        }
        return 0;
    }

    private static int sockets(long pid) {
        int count = 0;
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds) {
                try {
                    if (Files.readSymbolicLink(fd).toString().startsWith("socket:")) {
                        count++;
                    }
                } catch (IOException e) {
                    // closed between listing and reading
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return count;
    }
}
