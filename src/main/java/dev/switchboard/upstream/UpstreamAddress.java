package dev.switchboard.upstream;

import dev.switchboard.routing.Provider;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

import java.net.URI;

/** A provider's base URL taken apart once, so each attempt builds its request without parsing a URL. */
record UpstreamAddress(String host, int port, boolean ssl, String basePath) {

    static UpstreamAddress of(Provider provider) {
        URI uri = URI.create(provider.baseUrl());
        boolean ssl = "https".equals(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : ssl ? 443 : 80;
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return new UpstreamAddress(uri.getHost(), port, ssl, path);
    }

    /** Options for a POST to {@code path} below the base URL, e.g. {@code /chat/completions}. */
    RequestOptions post(String path) {
        return new RequestOptions().setMethod(HttpMethod.POST).setHost(host).setPort(port).setSsl(ssl)
                .setURI(basePath + path);
    }
}
