package dev.switchboard.deploy;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Renders every overlay under {@code deploy/k8s/overlays} with {@code kubectl kustomize} and checks that what it
 * would deploy fits the application: probe paths, the HTTP port, environment variables that name real configuration
 * keys, and a routing file whose groups point at providers it defines. Plain JUnit: no Quarkus, no cluster.
 *
 * <p>Without kubectl the test is skipped, unless {@code CI=true} or {@code SWITCHBOARD_REQUIRE_SERVICES=1}.
 */
class KustomizeRenderTest {

    private static final Path OVERLAYS = Path.of("deploy/k8s/overlays");
    private static final Path APPLICATION_YAML = Path.of("src/main/resources/application.yaml");

    /** Quarkus keys deployments set that application.yaml does not spell out (switchboard keys come from the code). */
    private static final List<String> QUARKUS_KEYS = List.of(
            "quarkus.http.port", "quarkus.http.host", "quarkus.config.locations", "quarkus.shutdown.timeout",
            "quarkus.management.enabled", "quarkus.management.port", "quarkus.log.level", "quarkus.log.console.json",
            "quarkus.datasource.postgresql.jdbc.url", "quarkus.datasource.postgresql.username",
            "quarkus.datasource.postgresql.password", "quarkus.redis.hosts");

    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([A-Za-z0-9_]+)(?::[^}]*)?}");

    @TestFactory
    Stream<DynamicTest> everyOverlayRendersADeploymentThatFitsTheApplication() throws IOException {
        List<Path> overlays;
        try (Stream<Path> dirs = Files.list(OVERLAYS)) {
            overlays = dirs.filter(dir -> Files.isRegularFile(dir.resolve("kustomization.yaml"))).sorted().toList();
        }
        assertFalse(overlays.isEmpty(), "no overlays under " + OVERLAYS.toAbsolutePath());
        requireKubectl();
        return overlays.stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> check(dir)));
    }

    private void check(Path overlay) throws Exception {
        // given the rendered overlay
        Rendered rendered = Rendered.of(render(overlay));
        Map<String, Object> deployment = rendered.only("Deployment");
        Map<String, Object> pod = map(map(map(deployment, "spec"), "template"), "spec");
        Map<String, Object> container = list(pod, "containers").getFirst();
        int httpPort = httpPort(container);

        // then the probes hit Quarkus's health endpoints on the HTTP port
        assertEquals("/q/health/live", probe(container, "livenessProbe").get("path"), overlay + " liveness");
        assertEquals("/q/health/ready", probe(container, "readinessProbe").get("path"), overlay + " readiness");
        for (String probe : List.of("livenessProbe", "readinessProbe")) {
            assertEquals(httpPort, resolvePort(container, probe(container, probe).get("port")), overlay + " " + probe);
        }
        // and the container port is the one Quarkus listens on and the Service sends to
        assertEquals(configuredHttpPort(), httpPort, overlay + ": containerPort vs quarkus.http.port");
        for (Map<String, Object> service : rendered.all("Service")) {
            for (Map<String, Object> port : list(map(service, "spec"), "ports")) {
                assertEquals(httpPort, resolvePort(container, port.get("targetPort")), overlay + ": Service targetPort");
            }
        }
        // and streams get time to drain
        assertTrue(((Number) pod.get("terminationGracePeriodSeconds")).intValue() >= 120, overlay + " grace period");
        assertNotNull(map(map(container, "lifecycle"), "preStop"), overlay + " preStop");
        assertEquals(Boolean.TRUE, map(pod, "securityContext").get("runAsNonRoot"), overlay + " runAsNonRoot");

        // and every SWITCHBOARD_/QUARKUS_ variable names a configuration key the application knows
        Set<String> known = knownQuarkusEnvNames();
        List<Pattern> switchboardKeys = ConfigKeys.switchboardEnvPatterns();
        Map<String, Map<String, Object>> env = env(container);
        for (String name : env.keySet()) {
            if (name.startsWith("QUARKUS_")) {
                assertTrue(known.contains(name), overlay + ": " + name + " maps to no known configuration key");
            } else if (name.startsWith("SWITCHBOARD_")) {
                assertTrue(switchboardKeys.stream().anyMatch(p -> p.matcher(name).matches()),
                        overlay + ": " + name + " maps to no key of the router's configuration mappings");
            }
        }

        // and the mounted routing file is the one QUARKUS_CONFIG_LOCATIONS names, and it holds together
        String location = (String) env.get("QUARKUS_CONFIG_LOCATIONS").get("value");
        String routing = mountedConfigMapFile(rendered, pod, container, location);
        checkRouting(overlay, routing, env.keySet());
    }

    private static void checkRouting(Path overlay, String routingText, Set<String> envNames) {
        Map<String, Object> root = new Yaml().load(routingText);
        Map<String, Object> switchboard = map(root, "switchboard");
        Map<String, Object> providers = map(switchboard, "providers");
        Map<String, Object> groups = map(switchboard, "model_groups");
        assertFalse(groups.isEmpty(), overlay + ": routing.yaml has no switchboard.model_groups");
        for (Map.Entry<String, Object> group : groups.entrySet()) {
            List<Map<String, Object>> targets = list(asMap(group.getValue()), "targets");
            assertFalse(targets.isEmpty(), overlay + ": group " + group.getKey() + " has no targets");
            for (Map<String, Object> target : targets) {
                String provider = (String) target.get("provider");
                assertTrue(providers.containsKey(provider),
                        overlay + ": group " + group.getKey() + " names unknown provider " + provider);
                Map<String, Object> models = map(asMap(providers.get(provider)), "models");
                assertTrue(models.containsKey((String) target.get("model_ref")),
                        overlay + ": group " + group.getKey() + " names unknown model_ref " + target.get("model_ref"));
            }
        }
        // Secrets reach the file through the environment: every variable it relies on must be set.
        for (Object provider : providers.values()) {
            Object keyEnv = asMap(provider).get("api_key_env");
            if (keyEnv != null) {
                assertTrue(envNames.contains((String) keyEnv), overlay + ": api_key_env " + keyEnv + " is not set");
            }
        }
        Matcher expression = EXPRESSION.matcher(routingText.replaceAll("(?m)#.*$", ""));
        while (expression.find()) {
            assertTrue(envNames.contains(expression.group(1)),
                    overlay + ": routing.yaml uses ${" + expression.group(1) + "} but the container does not set it");
        }
    }

    private static String mountedConfigMapFile(Rendered rendered, Map<String, Object> pod,
                                               Map<String, Object> container, String file) {
        for (Map<String, Object> mount : list(container, "volumeMounts")) {
            String dir = (String) mount.get("mountPath");
            if (!file.startsWith(dir + "/")) {
                continue;
            }
            String key = file.substring(dir.length() + 1);
            Map<String, Object> volume = list(pod, "volumes").stream()
                    .filter(v -> mount.get("name").equals(v.get("name"))).findFirst().orElseThrow();
            String configMapName = (String) map(volume, "configMap").get("name");
            Map<String, Object> configMap = rendered.all("ConfigMap").stream()
                    .filter(cm -> configMapName.equals(map(cm, "metadata").get("name"))).findFirst()
                    .orElseThrow(() -> new AssertionError("ConfigMap " + configMapName + " is not rendered"));
            assertTrue(configMapName.startsWith("switchboard-routing"), configMapName);
            Object text = map(configMap, "data").get(key);
            assertNotNull(text, "ConfigMap " + configMapName + " has no " + key);
            return (String) text;
        }
        throw new AssertionError("nothing is mounted at " + file);
    }

    /** Quarkus configuration keys in environment-variable form, as SmallRye Config maps them. */
    private static Set<String> knownQuarkusEnvNames() throws IOException {
        Set<String> keys = new LinkedHashSet<>(QUARKUS_KEYS);
        Map<String, Object> application = new Yaml().load(Files.readString(APPLICATION_YAML));
        flatten("", application, keys);
        Set<String> envNames = new LinkedHashSet<>();
        for (String key : keys) {
            envNames.add(key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT));
        }
        return envNames;
    }

    private static int configuredHttpPort() throws IOException {
        Map<String, Object> application = new Yaml().load(Files.readString(APPLICATION_YAML));
        Object quarkus = application == null ? null : application.get("quarkus");
        Object http = quarkus instanceof Map<?, ?> q ? q.get("http") : null;
        Object port = http instanceof Map<?, ?> h ? h.get("port") : null;
        return port == null ? 8080 : Integer.parseInt(port.toString()); // 8080 is Quarkus's default
    }

    private static void flatten(String prefix, Object node, Set<String> keys) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> flatten(prefix.isEmpty() ? k.toString() : prefix + "." + k, v, keys));
        } else if (!prefix.isEmpty()) {
            keys.add(prefix);
        }
    }

    private static int httpPort(Map<String, Object> container) {
        return list(container, "ports").stream().filter(p -> "http".equals(p.get("name")))
                .map(p -> ((Number) p.get("containerPort")).intValue()).findFirst()
                .orElseThrow(() -> new AssertionError("no container port named http"));
    }

    private static int resolvePort(Map<String, Object> container, Object port) {
        if (port instanceof Number number) {
            return number.intValue();
        }
        return list(container, "ports").stream().filter(p -> port.equals(p.get("name")))
                .map(p -> ((Number) p.get("containerPort")).intValue()).findFirst()
                .orElseThrow(() -> new AssertionError("port " + port + " is not a container port"));
    }

    private static Map<String, Object> probe(Map<String, Object> container, String name) {
        return map(map(container, name), "httpGet");
    }

    private static Map<String, Map<String, Object>> env(Map<String, Object> container) {
        Map<String, Map<String, Object>> env = new java.util.LinkedHashMap<>();
        for (Map<String, Object> var : list(container, "env")) {
            assertFalse(env.containsKey((String) var.get("name")), "env " + var.get("name") + " set twice");
            env.put((String) var.get("name"), var);
        }
        return env;
    }

    private static void requireKubectl() {
        boolean required = "true".equalsIgnoreCase(System.getenv("CI"))
                || "1".equals(System.getenv("SWITCHBOARD_REQUIRE_SERVICES"));
        try {
            Process probe = new ProcessBuilder("kubectl", "version", "--client").redirectErrorStream(true).start();
            probe.getInputStream().readAllBytes();
            if (probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0) {
                return;
            }
        } catch (IOException e) {
            // not installed; decided below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (required) {
            fail("kubectl is required (CI=true or SWITCHBOARD_REQUIRE_SERVICES=1) but is not on the PATH");
        }
        Assumptions.abort("kubectl not found on the PATH: skipping the kustomize render checks"
                + " (set CI=true or SWITCHBOARD_REQUIRE_SERVICES=1 to make this a failure)");
    }

    private static String render(Path overlay) throws IOException, InterruptedException {
        Path err = Files.createTempFile("kustomize", ".err");
        try {
            Process process = new ProcessBuilder("kubectl", "kustomize", overlay.toString())
                    .redirectError(err.toFile()).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                fail("kubectl kustomize " + overlay + " failed: " + Files.readString(err));
            }
            return out;
        } finally {
            Files.deleteIfExists(err);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object node) {
        assertTrue(node instanceof Map, "expected a mapping, got " + node);
        return (Map<String, Object>) node;
    }

    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object child = parent.get(key);
        assertNotNull(child, "missing '" + key + "' in " + parent.keySet());
        return asMap(child);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> parent, String key) {
        Object child = parent.get(key);
        assertTrue(child instanceof List, "missing list '" + key + "' in " + parent.keySet());
        return (List<Map<String, Object>>) child;
    }

    /** The documents of one rendering, by kind. */
    private record Rendered(List<Map<String, Object>> documents) {
        static Rendered of(String yaml) {
            List<Map<String, Object>> documents = new ArrayList<>();
            for (Object document : new Yaml().loadAll(yaml)) {
                if (document != null) {
                    documents.add(asMap(document));
                }
            }
            return new Rendered(documents);
        }

        List<Map<String, Object>> all(String kind) {
            return documents.stream().filter(d -> kind.equals(d.get("kind"))).toList();
        }

        Map<String, Object> only(String kind) {
            List<Map<String, Object>> found = all(kind);
            assertEquals(1, found.size(), "expected one " + kind);
            return found.getFirst();
        }
    }
}
