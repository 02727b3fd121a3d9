package dev.switchboard.loadtest;

import org.HdrHistogram.DoubleHistogram;
import org.HdrHistogram.Histogram;

import java.util.TreeMap;

/**
 * Everything measured about the requests of the measured window. Latencies in microseconds in HdrHistograms (three
 * significant digits, up to an hour). Changed on the driver's event loop only.
 */
final class Stats {

    private static final long HOUR_MICROS = 3_600_000_000L;

    final Histogram ttft = new Histogram(HOUR_MICROS, 3);
    final Histogram interToken = new Histogram(HOUR_MICROS, 3);
    final Histogram endToEnd = new Histogram(HOUR_MICROS, 3);
    /** Output tokens per second of each request, over its whole duration. */
    final DoubleHistogram tokensPerSecond = new DoubleHistogram(1_000_000_000L, 3);
    final TreeMap<String, Long> errors = new TreeMap<>();

    long started;
    long succeeded;
    long failed;
    long unfinished;
    long dropped;
    /** Output tokens of successful requests, from their usage block (content events where there is none). */
    long outputTokens;
    long promptTokens;
    long cachedPromptTokens;
    long requestsWithUsage;
    /** Content events that arrived inside the window, whatever request they belong to: the aggregate rate. */
    long windowContentEvents;
    long windowSuccesses;

    void error(String kind) {
        failed++;
        errors.merge(kind, 1L, Long::sum);
    }

    long errorCount() {
        return failed;
    }
}
