package dev.switchboard.config;

import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.OptionalInt;

/** {@code switchboard.admission}: how much the router takes on before it says no. */
public interface AdmissionConfig {

    /** Requests this router process serves at once; beyond it requests wait, then get a 503. */
    @WithDefault("4096")
    int maxInFlight();

    /** Requests that may wait for a free slot (any concurrency limit) at once; beyond it they are refused at once. */
    @WithDefault("512")
    int queueSize();

    /** Longest a request waits for a slot before it is refused. */
    @WithDefault("10s")
    Duration queueTimeout();

    /** Limits every tenant has; unset means no limit of that kind. */
    Tenant perTenant();

    /** Per-tenant limits. */
    interface Tenant {
        /** Requests of one tenant in flight at once. */
        OptionalInt maxConcurrent();

        /** Requests per minute of one tenant. */
        OptionalInt requestsPerMinute();

        /** Tokens per minute of one tenant (prompts estimated, corrected after the answer). */
        OptionalInt tokensPerMinute();
    }
}
