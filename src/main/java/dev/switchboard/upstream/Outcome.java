package dev.switchboard.upstream;

/** How one attempt ended; the usage row keeps it as the attempt's error class. */
public enum Outcome {
    /** The upstream answered 2xx and the answer was relayed whole. */
    OK(false),
    /** The upstream answered a 4xx other than 429: the request itself is at fault, so it is relayed, not retried. */
    UPSTREAM_4XX(false),
    /** No TCP connection could be made. */
    CONNECT_ERROR(true),
    /** The upstream answered 5xx. */
    UPSTREAM_5XX(true),
    /** The upstream answered 429: it sheds load. */
    UPSTREAM_429(true),
    /** No response byte arrived within the provider's {@code timeouts.first_byte}. */
    FIRST_BYTE_TIMEOUT(true),
    /** The connection failed before the first response byte. */
    CONNECTION_RESET(true),
    /** A started response fell silent for longer than {@code timeouts.idle}. */
    IDLE_TIMEOUT(true),
    /** A started response broke off before its end. */
    STREAM_CUT(false),
    /** The request's overall deadline passed. */
    DEADLINE(false),
    /** The caller went away; the upstream request was cancelled. */
    CANCELLED(false);

    private final boolean retryable;

    Outcome(boolean retryable) {
        this.retryable = retryable;
    }

    /** Whether the next eligible target may be tried; only ever while nothing has reached the caller. */
    public boolean retryable() {
        return retryable;
    }

    /** Lower-case name for usage rows, metrics and logs. */
    public String label() {
        return name().toLowerCase();
    }
}
