package dev.switchboard.simulator;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.util.List;
import java.util.Map;

/**
 * Simulators started inside the router process (demo mode, tests), under {@code switchboard.simulator}:
 *
 * <pre>
 * switchboard:
 *   simulator:
 *     enabled: true
 *     servers:
 *       sim-a: { port: 8001 }
 *       sim-b: { port: 8002, models: [coder], ttft_ms: 50 }
 * </pre>
 *
 * Every server binds 127.0.0.1.
 */
@ConfigMapping(prefix = "switchboard.simulator", namingStrategy = ConfigMapping.NamingStrategy.SNAKE_CASE)
public interface SimulatorConfig {

    /** Whether the configured simulators start with the application. */
    @WithDefault("false")
    boolean enabled();

    /** The simulators, by name; the name shows in logs and in start-up errors. */
    Map<String, Server> servers();

    /** One simulated vLLM server. */
    interface Server {

        /** Port to bind on 127.0.0.1; required. 0 picks a free port (ask {@link EmbeddedSimulators} which). */
        int port();

        /** Model ids it serves; the first labels its {@code /metrics}. */
        @WithDefault("demo-model")
        List<String> models();

        /** Time to first token in milliseconds, once a request runs. */
        @WithDefault("20")
        long ttftMs();

        /** Extra milliseconds to first token per 1000 prompt tokens not found in its prefix cache. */
        @WithName("prefill_ms_per_1k_tokens")
        @WithDefault("0")
        double prefillMsPer1kTokens();

        /** Milliseconds between streamed tokens; 0 sends them all at once. */
        @WithDefault("5")
        long interTokenMs();

        /** Tokens in every text answer, unless the request's max_tokens asks for fewer. */
        @WithDefault("32")
        int outputTokens();

        /** Requests generating at once; more wait in line (vLLM's max_num_seqs). */
        @WithDefault("256")
        int maxRunning();

        /** Whether the prefix KV-cache model is on. */
        @WithDefault("true")
        boolean prefixCache();

        /** KV-cache capacity in blocks of 16 tokens. */
        @WithDefault("8192")
        int cacheBlocks();
    }
}
