package dev.switchboard.config;

import io.smallrye.config.WithDefault;

import java.time.Duration;

/** {@code switchboard.health}: how the router decides which targets may take traffic. */
public interface HealthConfig {

    /** Time between two active probes of a provider. */
    @WithDefault("5s")
    Duration probeInterval();

    /** Longest a probe request may take before the provider counts as failing it. */
    @WithDefault("2s")
    Duration probeTimeout();

    /** Failed probes in a row that put a provider's targets down; one passing probe brings them back. */
    @WithDefault("2")
    int probeFailures();

    /** Failed attempts in a row (connect errors, 5xx, timeouts, broken streams) that eject a target. */
    @WithDefault("3")
    int consecutiveFailures();

    /** How long a target's first ejection lasts; each repeat ejection doubles it. */
    @WithDefault("5s")
    Duration baseEjection();

    /** The longest an ejection lasts, however often it repeats. */
    @WithDefault("120s")
    Duration maxEjection();

    /**
     * Most of a group's targets that passive ejection may keep out at once, in percent; beyond it the targets whose
     * ejection ends soonest serve again, so one bad minute cannot empty a group.
     */
    @WithDefault("50")
    int maxEjectedPercent();

    /** How long a target that answered 429 without {@code Retry-After} rests. */
    @WithDefault("1s")
    Duration defaultCooldown();
}
