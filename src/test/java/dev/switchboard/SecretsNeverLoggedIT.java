package dev.switchboard;

import dev.switchboard.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs after the whole unit test run (failsafe, in {@code verify}): its logs — the application's log file, with the
 * access log and debug logging on, and everything the tests printed — hold none of the tokens and keys the tests used.
 */
class SecretsNeverLoggedIT {

    private static final List<String> SECRETS = List.of(TestTokens.ADMIN, TestTokens.SEARCH, TestTokens.EVERYTHING,
            TestTokens.UPSTREAM_KEY, TestTokens.RPM_LIMITED, TestTokens.ONE_AT_A_TIME, "caller-token-never-forwarded");

    @Test
    void noTokenOrUpstreamKeyAppearsInAnyLogOfTheTestRun() throws IOException {
        Path appLog = Path.of("target", "switchboard-test.log");
        assertTrue(Files.size(appLog) > 0, "the test run wrote no application log at " + appLog);
        assertTrue(Files.readString(appLog, StandardCharsets.UTF_8).contains("POST /v1/chat/completions"),
                "the access log is missing, so this scan would prove nothing");
        List<Path> logs = new ArrayList<>(List.of(appLog));
        try (Stream<Path> reports = Files.list(Path.of("target", "surefire-reports"))) {
            reports.filter(p -> p.toString().endsWith(".txt") || p.toString().endsWith(".xml")).forEach(logs::add);
        }

        List<String> found = new ArrayList<>();
        for (Path log : logs) {
            String text = Files.readString(log, StandardCharsets.ISO_8859_1);
            for (String secret : SECRETS) {
                if (text.contains(secret)) {
                    found.add(secret.substring(0, 8) + "… in " + log);
                }
            }
        }
        assertTrue(found.isEmpty(), "secrets in logs: " + found);
    }
}
