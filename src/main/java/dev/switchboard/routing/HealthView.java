package dev.switchboard.routing;

/** What routing needs to know of a target's health; the health stage keeps the state behind it. */
public interface HealthView {

    /** The endpoint may take traffic now. */
    long READY = 0;
    /** The endpoint is down by its active probe, or serves no such model: never chosen. */
    long DOWN = -1;

    /**
     * {@link #READY}, {@link #DOWN}, or the nanoseconds until a passive ejection or a 429 cool-down ends; such an
     * endpoint is chosen only when no ready one is left.
     */
    long unusableFor(Endpoint endpoint, long nowNanos);

    /** Every endpoint always ready: for routing without health tracking. */
    HealthView ALWAYS_READY = (endpoint, now) -> READY;
}
