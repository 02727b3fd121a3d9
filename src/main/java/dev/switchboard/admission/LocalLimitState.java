package dev.switchboard.admission;

import io.vertx.core.Future;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Limits kept in this process: a concurrency count and two token buckets (requests and tokens per minute, refilled
 * continuously) per scope. One lock guards them all; each decision holds it for a few arithmetic operations.
 */
final class LocalLimitState implements LimitState {

    private final Map<String, Counters> counters = new HashMap<>();

    @Override
    public synchronized Future<Refusal> take(List<LimitScope> scopes, long tokens) {
        return Future.succeededFuture(takeNow(scopes, tokens, System.nanoTime()));
    }

    synchronized Refusal takeNow(List<LimitScope> scopes, long tokens, long now) {
        for (LimitScope scope : scopes) {
            Counters c = counters(scope, now);
            if (scope.requestsPerMinute() > 0 && c.requests < 1) {
                return new Refusal(scope, "requests_per_minute", millisUntil(1 - c.requests, scope.requestsPerMinute()));
            }
            if (scope.tokensPerMinute() > 0 && c.tokens < Math.min(tokens, scope.tokensPerMinute())) {
                return new Refusal(scope, "tokens_per_minute",
                        millisUntil(Math.min(tokens, scope.tokensPerMinute()) - c.tokens, scope.tokensPerMinute()));
            }
        }
        for (LimitScope scope : scopes) {
            if (scope.maxConcurrent() > 0 && counters.get(scope.key()).inFlight >= scope.maxConcurrent()) {
                return new Refusal(scope, "max_concurrent", 1000);
            }
        }
        for (LimitScope scope : scopes) {
            Counters c = counters.get(scope.key());
            c.inFlight++;
            c.requests -= 1;
            c.tokens -= tokens;
        }
        return null;
    }

    @Override
    public synchronized Future<Void> give(List<LimitScope> scopes, long tokenCorrection) {
        long now = System.nanoTime();
        for (LimitScope scope : scopes) {
            Counters c = counters(scope, now);
            c.inFlight = Math.max(0, c.inFlight - 1);
            c.tokens = Math.min(scope.tokensPerMinute(), c.tokens - tokenCorrection);
        }
        return Future.succeededFuture();
    }

    /** Forgets scopes with nothing in flight whose buckets have refilled, so one-off tenants do not pile up. */
    synchronized void sweep() {
        long now = System.nanoTime();
        counters.values().removeIf(c -> c.inFlight == 0 && now - c.refilled > 60_000_000_000L);
    }

    /** Requests in flight under {@code scope}, for tests and operators. */
    synchronized int inFlight(LimitScope scope) {
        Counters c = counters.get(scope.key());
        return c == null ? 0 : c.inFlight;
    }

    private Counters counters(LimitScope scope, long now) {
        Counters c = counters.computeIfAbsent(scope.key(), k -> new Counters(scope, now));
        double minutes = (now - c.refilled) / 60e9;
        c.requests = Math.min(scope.requestsPerMinute(), c.requests + minutes * scope.requestsPerMinute());
        c.tokens = Math.min(scope.tokensPerMinute(), c.tokens + minutes * scope.tokensPerMinute());
        c.refilled = now;
        return c;
    }

    /** How long a bucket refilling {@code perMinute} takes to gain {@code missing}. */
    private static long millisUntil(double missing, int perMinute) {
        return Math.max(1, (long) Math.ceil(missing * 60_000.0 / perMinute));
    }

    /** One scope's counters; buckets start full. */
    private static final class Counters {
        int inFlight;
        double requests;
        double tokens;
        long refilled;

        Counters(LimitScope scope, long now) {
            requests = scope.requestsPerMinute();
            tokens = scope.tokensPerMinute();
            refilled = now;
        }
    }
}
