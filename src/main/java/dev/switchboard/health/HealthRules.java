package dev.switchboard.health;

import dev.switchboard.config.HealthConfig;

/** The passive-ejection settings in the units the hot path uses. */
record HealthRules(int consecutiveFailures, long baseEjectionNanos, long maxEjectionNanos, long defaultCooldownNanos) {

    static HealthRules of(HealthConfig config) {
        return new HealthRules(config.consecutiveFailures(), config.baseEjection().toNanos(),
                config.maxEjection().toNanos(), config.defaultCooldown().toNanos());
    }
}
