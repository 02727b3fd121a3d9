package dev.switchboard.routing;

import dev.switchboard.config.ProviderConfig;
import dev.switchboard.dialect.Dialect;

import java.time.Duration;

/**
 * One upstream service as the router uses it.
 *
 * @param name    its key under {@code switchboard.providers}
 * @param baseUrl the API root without a trailing slash, e.g. {@code http://vllm-a:8000/v1}
 * @param auth    the header the router adds, already resolved from the environment
 * @param synthesizeToolStreams whether a streamed request carrying tools is sent as a whole request, the caller's
 *                              stream made from the whole answer ({@code synthesize_tool_streams})
 */
public record Provider(String name, String baseUrl, Dialect dialect, UpstreamAuth auth, int maxConnections,
                       Duration connectTimeout, Duration firstByteTimeout, Duration idleTimeout, Duration totalTimeout,
                       boolean synthesizeToolStreams) {

    /** A provider whose tool-bearing streams are streamed upstream too. */
    public Provider(String name, String baseUrl, Dialect dialect, UpstreamAuth auth, int maxConnections,
                    Duration connectTimeout, Duration firstByteTimeout, Duration idleTimeout, Duration totalTimeout) {
        this(name, baseUrl, dialect, auth, maxConnections, connectTimeout, firstByteTimeout, idleTimeout, totalTimeout,
                false);
    }

    static Provider from(String name, ProviderConfig config, java.util.function.Function<String, String> env) {
        String key = config.apiKeyEnv().map(env).orElse(null);
        return new Provider(name, config.baseUrl().strip().replaceAll("/+$", ""), config.dialect(),
                UpstreamAuth.of(config.authScheme(), key), config.maxConnections(),
                config.timeouts().connect(), config.timeouts().firstByte(), config.timeouts().idle(),
                config.timeouts().total(), config.synthesizeToolStreams());
    }

    /**
     * The header the router adds to every upstream request, or none.
     *
     * @param header the header name, or null for none
     * @param value  the header value; a secret, so {@link #toString()} masks it
     */
    public record UpstreamAuth(String header, String value) {
        static UpstreamAuth of(ProviderConfig.AuthScheme scheme, String key) {
            return switch (scheme) {
                case NONE -> new UpstreamAuth(null, null);
                case BEARER -> new UpstreamAuth("Authorization", "Bearer " + key);
                case X_API_KEY -> new UpstreamAuth("x-api-key", key);
            };
        }

        @Override
        public String toString() {
            return header == null ? "none" : header + ": ****";
        }
    }
}
