package dev.switchboard.routing;

import java.util.List;

/**
 * Chooses which of a group's eligible targets serves a request. One implementation per strategy kind, chosen by the
 * group's {@code strategy}; eligibility (health, capabilities, targets already tried) is decided before a strategy
 * is asked, so strategies only rank.
 */
public interface Strategy {

    /**
     * @param eligible the targets that may serve this request, never empty, in group order
     * @return one of {@code eligible}
     */
    Target pick(List<Target> eligible, RouteRequest request);

    /** Whether picks read the request's prompt ({@link RouteRequest#prompt()}), so its prefix key is computed anyway. */
    default boolean needsPrompt() {
        return false;
    }
}
