package dev.switchboard.config;

import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * {@code switchboard.redis}: share limit counters and prefix ownership with other replicas through the Redis that
 * {@code quarkus.redis.hosts} names, so replicas behind one Service limit and route alike. Without it each replica
 * keeps its own. A Redis outage falls back to local state with a warning, never to failed requests.
 */
public interface RedisConfig {

    /** Whether shared state lives in Redis ({@code quarkus.redis.hosts} must then be set). */
    @WithDefault("false")
    boolean enabled();

    /** Prefix of every key the router writes, so several routers may share one Redis. */
    @WithDefault("switchboard:")
    String keyPrefix();

    /** Longest a Redis call may take on the request path before the router decides with local state. */
    @WithDefault("100ms")
    Duration timeout();

    /** After a failed Redis call, how long the router keeps to local state before trying Redis again. */
    @WithDefault("5s")
    Duration retryAfter();

    /**
     * How long the concurrency slots a replica holds in Redis outlive it: each replica renews a lease every third of
     * this while it runs, and the slots of a replica whose lease ran out (it died, or lost Redis for this long) count
     * no more, so a caller is not locked out for long by a replica killed mid-request.
     */
    @WithDefault("15s")
    Duration slotLease();
}
