package dev.switchboard.api;

import dev.switchboard.dialect.Dialect;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * {@code POST /v1/chat/completions}. A plain Vert.x route rather than a Quarkus REST resource: the body must reach the
 * upstream as the caller's bytes and the answer must stream back as the upstream's bytes, which a resource method
 * would bind and re-serialise.
 */
@ApplicationScoped
public class ChatCompletionsRoute {

    private final DialectEndpoint endpoint;

    public ChatCompletionsRoute(Stages stages) {
        this.endpoint = new DialectEndpoint(Dialect.OPENAI_CHAT, stages);
    }

    void register(@Observes Router router) {
        router.post("/v1/chat/completions").handler(context -> endpoint.handle(context.request()));
    }
}
