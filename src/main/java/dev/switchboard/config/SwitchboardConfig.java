package dev.switchboard.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;

/**
 * The router's configuration, root key {@code switchboard}. Keys are snake_case so that provider catalogs written
 * for other routers port over with little change. The routing part ({@code providers}, {@code model_groups}) is
 * usually mounted from its own YAML file through {@code quarkus.config.locations}.
 */
@ConfigMapping(prefix = "switchboard", namingStrategy = ConfigMapping.NamingStrategy.SNAKE_CASE)
public interface SwitchboardConfig {

    /** Upstream services by name: where they are, which dialect they speak, how to authenticate, what they serve. */
    Map<String, ProviderConfig> providers();

    /** Caller-facing model names, each a strategy over targets. */
    Map<String, ModelGroupConfig> modelGroups();

    /** The callers allowed to use the router, by name. */
    Map<String, CallerConfig> callers();

    /** Whether callers need a token. */
    AccessConfig access();

    /** The operators' credential. */
    AccessConfig.Admin admin();

    /** Limits on what a caller may send. */
    RequestLimits requests();

    /** Concurrency and rate limits, and the wait queue. */
    AdmissionConfig admission();

    /** Soft state shared with other replicas through Redis. */
    RedisConfig redis();

    /** How target health is tracked: active probes and passive outlier ejection. */
    HealthConfig health();

    /** Which images callers may send: allowed URL hosts, inline data. */
    ImagesConfig images();

    /** Directory for the router's local files: the embedded H2 usage database and the usage journal. */
    @WithDefault("data")
    String dataDir();

    /** Prefix-aware routing: prompt windows, block hashing, per-target prefix indexes. */
    RoutingConfig routing();

    /** Limits on what a caller may send. */
    interface RequestLimits {
        /** Largest request body accepted, in bytes; larger ones get a 413. */
        @WithDefault("8388608")
        int maxBodyBytes();

        /** How long the router waits for the next piece of a request body before answering 408. */
        @WithDefault("30s")
        Duration bodyIdleTimeout();

        /**
         * Overall time a request may take, from arrival to the last byte relayed, across all attempts. The
         * provider's own {@code timeouts.total} applies per attempt and is capped by this.
         */
        @WithDefault("600s")
        Duration deadline();

        /** Most targets tried for one request: the first choice plus fallbacks while nothing reached the caller. */
        @WithDefault("3")
        int maxAttempts();
    }
}
