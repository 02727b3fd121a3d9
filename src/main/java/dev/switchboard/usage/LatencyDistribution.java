package dev.switchboard.usage;

import org.HdrHistogram.Histogram;

import java.util.Arrays;

/**
 * Latencies of one report group, for percentiles. Exact (nearest rank over the sorted values) up to
 * {@link #EXACT_LIMIT} values; past that the values move into an HdrHistogram of 3 significant digits, so a report
 * over months of rows stays within a fixed memory per group.
 */
final class LatencyDistribution {

    /** Values kept exactly: 800 KB per distribution at most. */
    static final int EXACT_LIMIT = 100_000;

    private double[] values = new double[16];
    private int count;
    private boolean sorted = true;
    private Histogram histogram;

    void add(double millis) {
        if (histogram != null) {
            record(millis);
            return;
        }
        if (count == values.length) {
            if (count == EXACT_LIMIT) {
                histogram = new Histogram(3);
                for (int i = 0; i < count; i++) {
                    record(values[i]);
                }
                values = null;
                record(millis);
                return;
            }
            values = Arrays.copyOf(values, Math.min(EXACT_LIMIT, count * 2));
        }
        values[count++] = millis;
        sorted = false;
    }

    /** The value at or below which {@code percentile} percent of the values lie (nearest rank); null when empty. */
    Double percentile(double percentile) {
        if (histogram != null) {
            long micros = histogram.medianEquivalentValue(histogram.getValueAtPercentile(percentile));
            return micros / 1000.0;
        }
        if (count == 0) {
            return null;
        }
        if (!sorted) {
            Arrays.sort(values, 0, count);
            sorted = true;
        }
        int rank = (int) Math.ceil(percentile / 100.0 * count);
        return values[Math.max(0, Math.min(count, rank) - 1)];
    }

    private void record(double millis) {
        histogram.recordValue(Math.max(0, Math.round(millis * 1000)));
    }
}
