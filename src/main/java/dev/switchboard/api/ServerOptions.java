package dev.switchboard.api;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The caller-facing HTTP server's options that Quarkus has no key for. HTTP/2 over cleartext by upgrade (h2c) is off:
 * no SDK asks for it, and Vert.x's upgrade handling answered a request carrying {@code Upgrade: h2c} without
 * {@code Connection: Upgrade} with an empty 400 (or, with a body, not at all) before the router saw it. HTTP/2 over
 * TLS (ALPN) is unaffected.
 */
@ApplicationScoped
class ServerOptions implements HttpServerOptionsCustomizer {

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        options.setHttp2ClearTextEnabled(false);
    }
}
