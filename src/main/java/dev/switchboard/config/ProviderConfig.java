package dev.switchboard.config;

import dev.switchboard.dialect.Dialect;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** One upstream service: {@code switchboard.providers.<name>}. */
public interface ProviderConfig {

    /**
     * The service's API root, including its version segment, e.g. {@code http://vllm-a:8000/v1}. The router appends
     * {@code /chat/completions}, {@code /models} and so on. A trailing slash is ignored; {@code /v1/v1} is refused.
     */
    String baseUrl();

    /** The wire format the service speaks: {@code openai-chat}, {@code openai-responses} or {@code anthropic}. */
    @WithDefault("openai-chat")
    Dialect dialect();

    /** How the router authenticates to the service: {@code bearer}, {@code x-api-key} or {@code none}. */
    @WithDefault("none")
    AuthScheme authScheme();

    /**
     * Name of the environment variable holding the upstream key; required unless {@code auth_scheme} is
     * {@code none}. The key itself never appears in configuration, logs or admin output.
     */
    Optional<String> apiKeyEnv();

    /** Most keep-alive connections the router holds open to this service. */
    @WithDefault("256")
    int maxConnections();

    /**
     * When true, a streamed request that carries tools is sent to this service as a whole (non-streamed) request and
     * the caller's stream is made from the whole answer. For servers whose tool-call parsers stream badly (partial or
     * repeated arguments) but answer whole requests well; the caller waits for the whole answer before its first event.
     */
    @WithDefault("false")
    boolean synthesizeToolStreams();

    /** Timeouts for calls to this service. */
    Timeouts timeouts();

    /** The active health probe of this service. */
    Probe probe();

    /** The models this service serves, by the name targets use for them ({@code model_ref}). */
    Map<String, ModelRefConfig> models();

    /** How the router authenticates to an upstream. */
    enum AuthScheme {
        /** {@code Authorization: Bearer <key>}. */
        BEARER,
        /** {@code x-api-key: <key>}, as Anthropic's API expects. */
        X_API_KEY,
        /** No header: access is controlled by the network (policy, mesh, mTLS). */
        NONE
    }

    /** The active health probe: {@code health_path}, then {@code /models} below the base URL. */
    interface Probe {
        /** Whether the service is probed; when false its targets are judged by request outcomes alone. */
        @WithDefault("true")
        boolean enabled();

        /** Path of the liveness check, from the base URL's origin (vLLM and SGLang serve {@code /health}). */
        @WithDefault("/health")
        String healthPath();

        /** Whether {@code GET <base_url>/models} must list each target's upstream model id for it to be ready. */
        @WithDefault("true")
        boolean checkModels();
    }

    /** Timeouts per attempt on this provider. */
    interface Timeouts {
        /** Time to open a TCP connection. */
        @WithDefault("2s")
        Duration connect();

        /** Time from sending the request to the first byte of the response body. */
        @WithDefault("60s")
        Duration firstByte();

        /** Longest silence between two pieces of a streamed response before the stream is cut. */
        @WithDefault("30s")
        Duration idle();

        /** Longest a single attempt may take in all. */
        @WithDefault("600s")
        Duration total();
    }
}
