package dev.switchboard.config;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real application, started with a wrong routing configuration, refuses to start and names the key. */
@QuarkusMainTest
@TestProfile(StartupRefusesWrongConfigTest.TargetOfUnknownProvider.class)
class StartupRefusesWrongConfigTest {

    /** The test profile's routing plus one group whose target names a provider that does not exist. */
    public static class TargetOfUnknownProvider implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "switchboard.simulator.enabled", "false",
                    "switchboard.model_groups.broken.targets[0].provider", "ghost",
                    "switchboard.model_groups.broken.targets[0].model_ref", "qwen");
        }
    }

    @Test
    @Launch(value = {}, exitCode = 1)
    void stopsWithAMessageNamingTheKey(LaunchResult result) {
        String output = result.getOutput() + result.getErrorOutput();

        assertTrue(output.contains("Switchboard configuration is invalid (1 problem)"), output);
        assertTrue(output.contains("switchboard.model_groups.broken.targets[0].provider: unknown provider 'ghost'"), output);
    }
}
