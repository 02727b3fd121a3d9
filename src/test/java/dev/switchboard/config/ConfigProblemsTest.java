package dev.switchboard.config;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.source.yaml.YamlConfigSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Wrong configurations, each refused with a message naming the key at fault. */
class ConfigProblemsTest {

    private static final String PROVIDER = """
            switchboard:
              access:
                anonymous: true
              providers:
                vllm-a:
                  base_url: http://127.0.0.1:8000/v1
                  models:
                    qwen: { model: Qwen/Qwen3-8B }
            """;

    private static List<String> problems(String yaml) {
        return problems(yaml, Map.of());
    }

    private static List<String> problems(String yaml, Map<String, String> env) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(SwitchboardConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withValidateUnknown(false) // as Quarkus runs it
                .withSources(new YamlConfigSource("test.yaml", yaml))
                .build();
        return ConfigProblems.of(config.getConfigMapping(SwitchboardConfig.class), env::get);
    }

    private static void assertSingleProblem(String key, String text, List<String> problems) {
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith(key + ": "), problems.get(0));
        assertTrue(problems.get(0).contains(text), problems.get(0));
    }

    @Test
    void acceptsASoundConfiguration() {
        assertEquals(List.of(), problems(PROVIDER + """
                  model_groups:
                    coder:
                      targets:
                        - { provider: vllm-a, model_ref: qwen }
                """));
    }

    @Test
    void namesATargetPointingAtAnUnknownProvider() {
        assertSingleProblem("switchboard.model_groups.coder.targets[0].provider", "unknown provider 'vllm-b' (known: vllm-a)",
                problems(PROVIDER + """
                          model_groups:
                            coder:
                              targets:
                                - { provider: vllm-b, model_ref: qwen }
                        """));
    }

    @Test
    void namesATargetPointingAtAMissingModelRef() {
        assertSingleProblem("switchboard.model_groups.coder.targets[0].model_ref", "has no model 'llama'",
                problems(PROVIDER + """
                          model_groups:
                            coder:
                              targets:
                                - { provider: vllm-a, model_ref: llama }
                        """));
    }

    @Test
    void refusesABaseUrlEndingInV1V1() {
        assertSingleProblem("switchboard.providers.vllm-a.base_url", "ends in /v1/v1", problems(
                PROVIDER.replace("8000/v1", "8000/v1/v1/") + """
                          model_groups:
                            coder:
                              targets: [ { provider: vllm-a, model_ref: qwen } ]
                        """));
    }

    @Test
    void refusesAWeightOfZero() {
        assertSingleProblem("switchboard.model_groups.coder.targets[1].weight", "must be at least 1", problems(PROVIDER + """
                  model_groups:
                    coder:
                      targets:
                        - { provider: vllm-a, model_ref: qwen }
                        - { provider: vllm-a, model_ref: qwen, weight: 0 }
                """));
    }

    @Test
    void acceptsPrefixAffinityAndRefusesRoutingKnobsOutOfRange() {
        String group = """
                  model_groups:
                    coder:
                      strategy: prefix-affinity
                      targets: [ { provider: vllm-a, model_ref: qwen } ]
                """;
        assertEquals(List.of(), problems(PROVIDER + group));

        List<String> problems = problems(PROVIDER + group + """
                  routing:
                    block_chars: 2
                    index_slots: 0
                    overload_factor: 0.5
                """);

        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("switchboard.routing.block_chars: must be at least 4"), problems.get(0));
        assertTrue(problems.get(1).startsWith("switchboard.routing.index_slots: must be within"), problems.get(1));
        assertTrue(problems.get(2).startsWith("switchboard.routing.overload_factor: must be at least 1.0"),
                problems.get(2));
    }

    @Test
    void refusesAnEmptyGroup() {
        assertSingleProblem("switchboard.model_groups.coder.targets", "the group is empty", problems(PROVIDER + """
                  model_groups:
                    coder:
                      strategy: weighted
                      targets: []
                """));
    }

    @Test
    void refusesBearerAuthWhoseKeyIsNotInTheEnvironment() {
        String yaml = PROVIDER.replace("base_url:", "auth_scheme: bearer\n      api_key_env: VLLM_KEY\n      base_url:") + """
                  model_groups:
                    coder:
                      targets: [ { provider: vllm-a, model_ref: qwen } ]
                """;

        assertSingleProblem("switchboard.providers.vllm-a.api_key_env", "environment variable VLLM_KEY is not set",
                problems(yaml));
        assertEquals(List.of(), problems(yaml, Map.of("VLLM_KEY", "secret")));
    }

    @Test
    void refusesUnknownCapabilitiesAndModalities() {
        List<String> found = problems(PROVIDER.replace("{ model: Qwen/Qwen3-8B }",
                "{ model: Qwen/Qwen3-8B, input_modalities: [text, smell], tool_support: { openai_chat: [tools, telepathy] } }")
                + """
                  model_groups:
                    coder:
                      targets: [ { provider: vllm-a, model_ref: qwen } ]
                """);

        assertEquals(2, found.size(), found.toString());
        assertTrue(found.stream().anyMatch(p -> p.startsWith("switchboard.providers.vllm-a.models.qwen.input_modalities: unknown modality 'smell'")), found.toString());
        assertTrue(found.stream().anyMatch(p -> p.startsWith("switchboard.providers.vllm-a.models.qwen.tool_support.openai_chat: unknown capability 'telepathy'")), found.toString());
    }

    @Test
    void refusesToRunWithoutCallersUnlessAnonymousIsChosen() {
        assertSingleProblem("switchboard.callers", "set switchboard.access.anonymous=true", problems(
                PROVIDER.replace("anonymous: true", "anonymous: false") + """
                          model_groups:
                            coder:
                              targets: [ { provider: vllm-a, model_ref: qwen } ]
                        """));
    }

    @Test
    void namesACallerWithABadHashOrAnUnknownGroup() {
        List<String> found = problems(PROVIDER + """
                  model_groups:
                    coder:
                      targets: [ { provider: vllm-a, model_ref: qwen } ]
                  callers:
                    app:
                      token_sha256: not-a-hash
                      model_groups: [coder, vision]
                """);

        assertEquals(2, found.size(), found.toString());
        assertTrue(found.get(0).startsWith("switchboard.callers.app.token_sha256: must be the SHA-256"), found.toString());
        assertTrue(found.get(1).startsWith("switchboard.callers.app.model_groups: unknown model group 'vision'"),
                found.toString());
    }

    @Test
    void reportsEveryProblemAtOnce() {
        List<String> found = problems("""
                switchboard:
                  access:
                    anonymous: true
                  providers:
                    a:
                      base_url: ftp://host/v1
                      models: {}
                  model_groups: {}
                """);

        assertEquals(3, found.size(), found.toString());
        String message = ConfigProblems.message(found);
        assertTrue(message.contains("switchboard.providers.a.base_url: must start with http:// or https://"), message);
        assertTrue(message.contains("switchboard.providers.a.models: no model is listed"), message);
        assertTrue(message.contains("switchboard.model_groups: no model group is configured"), message);
    }

    @Test
    void namesAnImageHostThatIsNoHostName() {
        assertSingleProblem("switchboard.images.allowed_hosts", "'https://cdn.example.com/' is not a host name",
                problems(PROVIDER + """
                          model_groups:
                            coder:
                              targets:
                                - { provider: vllm-a, model_ref: qwen }
                          images:
                            allowed_hosts: [cdn.example.com, "*.example.net", "https://cdn.example.com/"]
                        """));
    }
}
