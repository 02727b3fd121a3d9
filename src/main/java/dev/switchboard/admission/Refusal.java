package dev.switchboard.admission;

/**
 * Which limit kept a request out.
 *
 * @param scope            the caller's or tenant's limits at fault; null for the router's own in-flight cap
 * @param limit            the limit's configuration name, e.g. {@code requests_per_minute}
 * @param retryAfterMillis when trying again may succeed
 */
public record Refusal(LimitScope scope, String limit, long retryAfterMillis) {

    /** Concurrency refusals may wait in the queue; rate refusals are answered at once. */
    boolean concurrency() {
        return limit.equals("max_concurrent") || limit.equals("max_in_flight");
    }
}
