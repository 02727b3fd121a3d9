package dev.switchboard.admission;

/**
 * One set of limits a request counts against: its caller's or its tenant's. A limit of 0 is no limit.
 *
 * @param kind {@code caller} or {@code tenant}
 */
public record LimitScope(String kind, String name, int maxConcurrent, int requestsPerMinute, int tokensPerMinute) {

    /** Whether any limit is set. */
    boolean limited() {
        return maxConcurrent > 0 || requestsPerMinute > 0 || tokensPerMinute > 0;
    }

    /** The key its state is kept under, e.g. {@code caller:search}. */
    String key() {
        return kind + ":" + name;
    }
}
