package dev.switchboard.deploy;

import dev.switchboard.simulator.Faults;
import dev.switchboard.testing.Simulators;
import dev.switchboard.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every metric the Grafana dashboards and the Prometheus alert rules query is one the router exports. */
@QuarkusTest
class DashboardMetricsTest {

    private static final Pattern NAME = Pattern.compile("switchboard_[a-z0-9_]+");

    @AfterEach
    void reset() {
        Simulators.reset();
    }

    @Test
    void everyQueriedMetricIsExported() throws IOException {
        // given traffic that makes every lazily created series appear: success, fallback, ejection-prone failures
        Simulators.server("sim-a").faults(Faults.failing(503, 1.0));
        for (String group : new String[] {"chat", "chat", "llama", "unreachable", "sticky"}) {
            given().contentType(ContentType.JSON)
                    .body("{\"model\":\"" + group + "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                    .when().post("/v1/chat/completions").then().extract().statusCode();
        }

        // when the router is scraped
        String metrics = TestTokens.admin().when().get("/metrics").then().statusCode(200).extract().asString();
        Set<String> exported = new TreeSet<>();
        metrics.lines().filter(line -> line.startsWith("switchboard_"))
                .forEach(line -> exported.add(line.split("[{ ]", 2)[0]));

        // then every name the dashboards and rules use is among them
        Set<String> queried = new TreeSet<>();
        try (Stream<Path> files = Stream.concat(Files.list(Path.of("deploy/grafana/dashboards")),
                Stream.of(Path.of("deploy/prometheus/alerts.yaml")))) {
            for (Path file : files.toList()) {
                Matcher m = NAME.matcher(Files.readString(file));
                while (m.find()) {
                    queried.add(m.group());
                }
            }
        }
        assertFalse(queried.isEmpty(), "the dashboards query no switchboard_ metric");
        Set<String> missing = new TreeSet<>(queried);
        missing.removeAll(exported);
        assertTrue(missing.isEmpty(), "queried but not exported: " + missing + "; exported: " + exported);
    }
}
