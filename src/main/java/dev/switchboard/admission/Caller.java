package dev.switchboard.admission;

import java.util.List;

/**
 * Who a request is for, as usage rows and limits see it.
 *
 * @param name    the configured caller's name, or {@code anonymous} when the router runs without callers
 * @param tenant  the tenant the request is accounted to
 * @param project the caller's project, or null
 * @param limits  the caller's and tenant's limits the request counts against; empty when none apply
 */
public record Caller(String name, String tenant, String project, List<LimitScope> limits) {

    /** The caller of a router running without configured callers. */
    public static Caller anonymous(String tenant) {
        return new Caller("anonymous", tenant, null, List.of());
    }

    /** The same caller counted against {@code limits}. */
    public Caller limitedBy(List<LimitScope> limits) {
        return new Caller(name, tenant, project, List.copyOf(limits));
    }
}
