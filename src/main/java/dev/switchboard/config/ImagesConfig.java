package dev.switchboard.config;

import io.smallrye.config.WithDefault;

import java.util.List;
import java.util.Optional;

/** {@code switchboard.images}: which images callers may send, checked before anything goes upstream. */
public interface ImagesConfig {

    /**
     * Hosts that image URLs may point at: exact names ({@code cdn.example.com}) or a leading wildcard for subdomains
     * ({@code *.example.com}). When set, an image URL on any other host, or not http(s), is refused with a 400 naming
     * the host, so an upstream that fetches images cannot be steered at internal addresses. Unset: any host.
     */
    Optional<List<String>> allowedHosts();

    /** Whether images carried in the request itself (data URLs, Anthropic base64 sources) are accepted. */
    @WithDefault("true")
    boolean allowDataUrls();
}
