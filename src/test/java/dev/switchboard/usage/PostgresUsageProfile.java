package dev.switchboard.usage;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The test profile with usage rows in the real PostgreSQL on 127.0.0.1:5432 (database {@code test}, user
 * {@code postgres}), reached through a {@link TcpProxy} the tests can cut. Rows go to a schema of their own, emptied
 * at start. Classes using it also carry {@link Required}: skipped with a message when PostgreSQL is not there, and
 * failing instead when {@code CI=true} or {@code SWITCHBOARD_REQUIRE_SERVICES=1}.
 */
public class PostgresUsageProfile implements QuarkusTestProfile {

    static final String SCHEMA = "switchboard_usage_test";
    /** 5432; another port (-Dswitchboard.test.postgres_port) shows what happens where PostgreSQL is missing. */
    static final int POSTGRES_PORT = Integer.getInteger("switchboard.test.postgres_port", 5432);
    /** Prices on sim-c's llama, so rows carry a cost to check. */
    static final double INPUT_PRICE = 0.5;
    static final double OUTPUT_PRICE = 1.5;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("switchboard.usage.database", "postgresql"),
                Map.entry("switchboard.data_dir", "target/test-data-pg"),
                Map.entry("quarkus.datasource.postgresql.username", "postgres"),
                Map.entry("quarkus.datasource.postgresql.jdbc.acquisition-timeout", "2s"),
                Map.entry("quarkus.flyway.postgresql.schemas", SCHEMA),
                Map.entry("quarkus.flyway.postgresql.clean-at-start", "true"),
                Map.entry("quarkus.flyway.postgresql.clean-disabled", "false"),
                Map.entry("switchboard.providers.sim-c.models.llama.input_price_per_million_usd",
                        Double.toString(INPUT_PRICE)),
                Map.entry("switchboard.providers.sim-c.models.llama.output_price_per_million_usd",
                        Double.toString(OUTPUT_PRICE)));
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Proxy.class));
    }

    static boolean reachable() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", POSTGRES_PORT), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static boolean required() {
        return "true".equalsIgnoreCase(System.getenv("CI")) || "1".equals(System.getenv("SWITCHBOARD_REQUIRE_SERVICES"));
    }

    /** Starts the proxy before the application and points the datasource at it. */
    public static class Proxy implements QuarkusTestResourceLifecycleManager {

        private static TcpProxy proxy;

        /** The proxy in front of PostgreSQL, for tests that cut it. */
        static TcpProxy proxy() {
            return proxy;
        }

        @Override
        public Map<String, String> start() {
            if (!reachable()) {
                throw new IllegalStateException("PostgreSQL is required for these tests (CI=true or"
                        + " SWITCHBOARD_REQUIRE_SERVICES=1) but nothing answers on 127.0.0.1:" + POSTGRES_PORT
                        + "; start it with database 'test' and user 'postgres' (trust authentication)");
            }
            deleteRecursively(Path.of("target/test-data-pg")); // a journal left by an earlier run is not this run's
            try {
                proxy = new TcpProxy(POSTGRES_PORT);
                proxy.start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of("quarkus.datasource.postgresql.jdbc.url", "jdbc:postgresql://127.0.0.1:" + proxy.port()
                    + "/test?currentSchema=" + SCHEMA + "&connectTimeout=2&socketTimeout=10");
        }

        @Override
        public void stop() {
            try {
                proxy.stop();
            } catch (IOException ignored) {
                // the test run is over
            }
        }

        private static void deleteRecursively(Path dir) {
            if (!Files.exists(dir)) {
                return;
            }
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Runs a test class only where PostgreSQL answers, unless the environment says it must. */
    public static class Required implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (reachable()) {
                return ConditionEvaluationResult.enabled("PostgreSQL answers on 127.0.0.1:" + POSTGRES_PORT);
            }
            if (required()) {
                return ConditionEvaluationResult.enabled("PostgreSQL is required here; the tests will fail");
            }
            String reason = "skipped " + context.getDisplayName() + ": no PostgreSQL on 127.0.0.1:" + POSTGRES_PORT
                    + " (database 'test', user 'postgres'); with CI=true or SWITCHBOARD_REQUIRE_SERVICES=1 its"
                    + " absence fails the build instead";
            System.err.println(reason); // surefire's summary does not show why a class was skipped
            return ConditionEvaluationResult.disabled(reason);
        }
    }
}
