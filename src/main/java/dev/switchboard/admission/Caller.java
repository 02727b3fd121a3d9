package dev.switchboard.admission;

/**
 * Who a request is for, as usage rows and limits see it.
 *
 * @param name    the configured caller's name, or {@code anonymous} when the router runs without callers
 * @param tenant  the tenant the request is accounted to
 * @param project the caller's project, or null
 */
public record Caller(String name, String tenant, String project) {

    /** The caller of a router running without configured callers. */
    public static Caller anonymous(String tenant) {
        return new Caller("anonymous", tenant, null);
    }
}
