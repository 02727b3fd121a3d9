package dev.switchboard.config;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** One caller: {@code switchboard.callers.<name>}. */
public interface CallerConfig {

    /**
     * SHA-256 of the caller's token, 64 hex characters ({@code printf %s "$TOKEN" | sha256sum}). The token itself is
     * never configured; callers send it as {@code Authorization: Bearer <token>} or {@code x-api-key: <token>}.
     */
    String tokenSha256();

    /** The tenant the caller's requests are accounted to and keyed by for prefix affinity; the caller's name if unset. */
    Optional<String> tenant();

    /** The project the caller's usage is reported under. */
    Optional<String> project();

    /** The model groups the caller may use; {@code "*"} allows every group. */
    List<String> modelGroups();

    /** Optional limits for this caller. */
    Limits limits();

    /** Per-caller limits; unset means no limit of that kind. */
    interface Limits {
        /** Requests of this caller in flight at once. */
        OptionalInt maxConcurrent();

        /** Requests per minute (token bucket). */
        OptionalInt requestsPerMinute();

        /** Prompt plus completion tokens per minute (token bucket; prompts estimated, corrected after the answer). */
        OptionalInt tokensPerMinute();
    }

    /** Whether {@code group} is among the caller's groups. */
    default boolean allows(String group) {
        return modelGroups().contains("*") || modelGroups().contains(group);
    }
}
