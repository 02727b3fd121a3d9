package dev.switchboard.admission;

import io.vertx.core.Future;

import java.util.List;

/** Where the counters behind callers' and tenants' limits live: this process, or Redis shared with replicas. */
interface LimitState {

    /**
     * Takes one request slot, one request and {@code tokens} tokens under every scope, all or nothing.
     *
     * @return null when taken, else the first limit that refused
     */
    Future<Refusal> take(List<LimitScope> scopes, long tokens);

    /** Gives back the request slot under every scope and charges {@code tokenCorrection} more tokens (or refunds). */
    Future<Void> give(List<LimitScope> scopes, long tokenCorrection);
}
