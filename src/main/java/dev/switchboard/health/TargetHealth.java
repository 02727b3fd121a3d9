package dev.switchboard.health;

import dev.switchboard.routing.Endpoint;
import dev.switchboard.upstream.Outcome;

/**
 * The health of one endpoint (a served model on one provider): what its active probe last said, and what real
 * requests say — consecutive failures, ejections with a backoff that doubles on each repeat, and 429 cool-downs.
 *
 * <p>This is hand-written rather than a SmallRye Fault Tolerance circuit breaker: a breaker opens on a failure ratio
 * for a fixed delay, while outlier ejection needs a delay that grows with repeat ejections, a cap on how much of a
 * group may be out at once (decided per group, across endpoints), a cool-down whose length the upstream dictates
 * ({@code Retry-After}), and eligibility known before an attempt is made, not only when a guarded call is refused.
 */
public final class TargetHealth {

    /** What the active probe last found. */
    public enum ProbeState { UNKNOWN, READY, DOWN }

    private final Endpoint endpoint;
    private volatile ProbeState probe = ProbeState.UNKNOWN;
    private volatile String probeReason = "not probed yet";
    private int probeFailures;
    private int consecutiveFailures;
    private int ejections;
    private int ejectionsInARow;
    private long ejectedUntil;
    private long cooldownUntil;
    private String passiveReason;
    private volatile double latencyMillis = -1;

    TargetHealth(Endpoint endpoint) {
        this.endpoint = endpoint;
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    /** See {@link dev.switchboard.routing.HealthView#unusableFor}. */
    synchronized long unusableFor(long now) {
        if (probe == ProbeState.DOWN) {
            return -1;
        }
        long until = Math.max(ejectedUntil, cooldownUntil);
        return until > now ? until - now : 0;
    }

    synchronized void onAttempt(Outcome outcome, long nanos, long retryAfterNanos, HealthRules rules, long now) {
        switch (outcome) {
            case OK -> {
                consecutiveFailures = 0;
                if (ejectedUntil < now) {
                    ejectionsInARow = 0;
                }
                latencyMillis = latencyMillis < 0 ? nanos / 1e6 : 0.8 * latencyMillis + 0.2 * nanos / 1e6;
            }
            case UPSTREAM_429 -> {
                cooldownUntil = Math.max(cooldownUntil, now + (retryAfterNanos > 0 ? retryAfterNanos : rules.defaultCooldownNanos()));
                passiveReason = "answered 429: resting";
            }
            case CONNECT_ERROR, CONNECTION_RESET, UPSTREAM_5XX, FIRST_BYTE_TIMEOUT, IDLE_TIMEOUT, STREAM_CUT -> {
                consecutiveFailures++;
                if (consecutiveFailures >= rules.consecutiveFailures() && ejectedUntil <= now) {
                    long backoff = rules.baseEjectionNanos() << Math.min(20, ejectionsInARow);
                    ejectedUntil = now + Math.min(backoff, rules.maxEjectionNanos());
                    ejections++;
                    ejectionsInARow++;
                    consecutiveFailures = 0;
                    passiveReason = "ejected after " + rules.consecutiveFailures() + " failures in a row (last: "
                            + outcome.label() + ")";
                }
            }
            case UPSTREAM_4XX, CANCELLED, DEADLINE -> { } // the request's or the caller's doing, not the server's
        }
    }

    /** Ejections since start. */
    public synchronized int ejections() {
        return ejections;
    }

    ProbeState probeState() {
        return probe;
    }

    /**
     * Takes a probe's verdict. A failing probe puts the target down only after {@code failuresToDown} failures in a
     * row, so one probe lost to a busy moment does not empty a group; a passing one re-admits it at once.
     */
    synchronized void probed(ProbeState state, String reason, int failuresToDown) {
        if (state == ProbeState.DOWN && ++probeFailures < failuresToDown && probe != ProbeState.DOWN) {
            return;
        }
        if (state != ProbeState.DOWN) {
            probeFailures = 0;
        }
        this.probe = state;
        this.probeReason = reason;
    }

    /** Forgets passive state (failures, ejection, cool-down); the probe's view stays. */
    synchronized void clearPassive() {
        consecutiveFailures = 0;
        ejectedUntil = 0;
        cooldownUntil = 0;
        ejectionsInARow = 0;
        passiveReason = null;
    }

    /** A consistent picture for {@code /admin/targets}. */
    synchronized TargetStatus status(long now, long prefixIndexBytes) {
        String state;
        String reason;
        if (probe == ProbeState.DOWN) {
            state = "down";
            reason = probeReason;
        } else if (ejectedUntil > now) {
            state = "ejected";
            reason = passiveReason + ", back in " + (ejectedUntil - now) / 1_000_000 + " ms";
        } else if (cooldownUntil > now) {
            state = "cooling";
            reason = passiveReason + ", back in " + (cooldownUntil - now) / 1_000_000 + " ms";
        } else {
            state = probe == ProbeState.READY ? "ready" : "unknown";
            reason = probe == ProbeState.READY ? "probe passed" : probeReason;
        }
        return new TargetStatus(endpoint.id(), endpoint.provider().name(), endpoint.modelRef().name(),
                endpoint.modelRef().upstreamModel(), state, reason, endpoint.inFlight(),
                latencyMillis < 0 ? null : Math.round(latencyMillis * 10) / 10.0, ejections, consecutiveFailures,
                prefixIndexBytes);
    }

    /**
     * One row of {@code /admin/targets}.
     *
     * @param state           {@code ready}, {@code unknown} (not probed yet, or probes off), {@code cooling} (429),
     *                        {@code ejected} (failures) or {@code down} (probe)
     * @param recentLatencyMs  moving average of successful attempts' duration, or null before the first
     * @param prefixIndexBytes memory held by the target's prefix index (0 unless a prefix-affinity group uses it)
     */
    public record TargetStatus(String target, String provider, String modelRef, String upstreamModel, String state,
                               String reason, int inFlight, Double recentLatencyMs, int ejections,
                               int consecutiveFailures, long prefixIndexBytes) { }
}
