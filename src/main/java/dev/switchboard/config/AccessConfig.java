package dev.switchboard.config;

import io.smallrye.config.WithDefault;

import java.util.List;
import java.util.Optional;

/** {@code switchboard.access} and {@code switchboard.admin}: who may call the router, and who may operate it. */
public interface AccessConfig {

    /**
     * Run without caller tokens: a request whose token matches no caller (or that sends none) is served as the
     * {@code anonymous} caller, with every group. Only for demos and closed networks; start-up logs a warning.
     */
    @WithDefault("false")
    boolean anonymous();

    /**
     * Addresses (or CIDR ranges) of reverse proxies whose {@code X-Forwarded-For} is believed when deciding a
     * tokenless request's tenant.
     */
    Optional<List<String>> trustedProxies();

    /** Answer a group the caller may not use with the same 404 as a missing group, so group names do not leak. */
    @WithDefault("false")
    boolean hideForbiddenGroups();

    /** The operators' credential for {@code /metrics} and {@code /admin/*}. */
    interface Admin {
        /** SHA-256 (hex) of the admin token; unset closes the admin surface, unless {@code open} is true. */
        Optional<String> tokenSha256();

        /** Serve {@code /metrics} and {@code /admin/*} without a token: for demos and tests only. */
        @WithDefault("false")
        boolean open();
    }
}
