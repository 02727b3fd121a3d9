package dev.switchboard.simulator;

/**
 * Failures a {@link SimulatedServer} injects into its inference requests ({@code /v1/*} POSTs), changeable at run time
 * through {@link SimulatedServer#faults(Faults)} or {@code PUT /sim/faults}.
 *
 * @param status            HTTP status answered instead of a completion; 0 means no status fault
 * @param rate              share of inference requests that get {@code status}, in [0, 1]; chosen by a counter, not
 *                          by chance, so 0.5 fails exactly every other request (the 2nd, 4th, ...)
 * @param retryAfterSeconds when &gt; 0, the status fault carries {@code Retry-After: N}
 * @param hang              every inference request is accepted and never answered; it holds a running slot until
 *                          the client closes the connection
 * @param cutAfterChunks    when &gt; 0, every stream's connection is closed abruptly after this many SSE events
 *                          (no {@code [DONE]}, no chunked terminator); non-streamed answers are unaffected
 * @param stallAfterChunks  when &gt; 0, every stream falls silent after this many SSE events and stays open, holding
 *                          its running slot, until the client closes the connection
 * @param unhealthy         {@code GET /health} answers 503
 */
public record Faults(int status, double rate, long retryAfterSeconds, boolean hang, int cutAfterChunks,
        int stallAfterChunks, boolean unhealthy) {

    /** No fault at all. */
    public static final Faults NONE = new Faults(0, 0, 0, false, 0, 0, false);

    public Faults {
        if (status != 0 && (status < 100 || status > 599)) {
            throw new IllegalArgumentException("fault status must be 0 or an HTTP status 100..599, got " + status);
        }
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("fault rate must be within [0, 1], got " + rate);
        }
        if (retryAfterSeconds < 0 || cutAfterChunks < 0 || stallAfterChunks < 0) {
            throw new IllegalArgumentException(
                    "retry_after_seconds, cut_after_chunks and stall_after_chunks must not be negative");
        }
    }

    /** Answers {@code status} to the given share of inference requests. */
    public static Faults failing(int status, double rate) {
        return new Faults(status, rate, 0, false, 0, 0, false);
    }

    /** Accepts every inference request and never answers it. */
    public static Faults hanging() {
        return new Faults(0, 0, 0, true, 0, 0, false);
    }

    /** Closes every stream's connection after {@code chunks} SSE events. */
    public static Faults cuttingAfter(int chunks) {
        return new Faults(0, 0, 0, false, chunks, 0, false);
    }

    /** Lets every stream fall silent, its connection open, after {@code chunks} SSE events. */
    public static Faults stallingAfter(int chunks) {
        return new Faults(0, 0, 0, false, 0, chunks, false);
    }

    /** {@code /health} answers 503; inference keeps working. */
    public static Faults unhealthyOnly() {
        return new Faults(0, 0, 0, false, 0, 0, true);
    }

    public Faults withRetryAfterSeconds(long seconds) {
        return new Faults(status, rate, seconds, hang, cutAfterChunks, stallAfterChunks, unhealthy);
    }

    public Faults withUnhealthy(boolean value) {
        return new Faults(status, rate, retryAfterSeconds, hang, cutAfterChunks, stallAfterChunks, value);
    }

    public Faults withHang(boolean value) {
        return new Faults(status, rate, retryAfterSeconds, value, cutAfterChunks, stallAfterChunks, unhealthy);
    }

    public Faults withCutAfterChunks(int chunks) {
        return new Faults(status, rate, retryAfterSeconds, hang, chunks, stallAfterChunks, unhealthy);
    }
}
