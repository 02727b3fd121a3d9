package dev.switchboard.health;

import dev.switchboard.routing.HealthView;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A probe verdict puts a target down only after enough failures in a row; one pass brings it back. */
class TargetHealthTest {

    @Test
    void goesDownOnTheSecondFailedProbeInARowAndBackOnTheFirstPass() {
        TargetHealth health = new TargetHealth(null);

        health.probed(TargetHealth.ProbeState.DOWN, "health check answered 503", 2);
        assertEquals(HealthView.READY, health.unusableFor(System.nanoTime()), "one lost probe is not an outage");
        health.probed(TargetHealth.ProbeState.READY, "probe passed", 2);
        health.probed(TargetHealth.ProbeState.DOWN, "health check answered 503", 2);
        assertEquals(HealthView.READY, health.unusableFor(System.nanoTime()), "a pass in between resets the count");
        health.probed(TargetHealth.ProbeState.DOWN, "health check answered 503", 2);
        assertEquals(HealthView.DOWN, health.unusableFor(System.nanoTime()));

        health.probed(TargetHealth.ProbeState.READY, "probe passed", 2);
        assertEquals(HealthView.READY, health.unusableFor(System.nanoTime()));
    }
}
