package dev.switchboard.api;

import dev.switchboard.dialect.Dialect;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * {@code POST /v1/responses}: OpenAI Responses callers (the OpenAI SDKs' {@code responses()}, Codex). Passed through
 * to {@code openai-responses} targets, translated for {@code openai-chat} and {@code anthropic} ones.
 */
@ApplicationScoped
public class ResponsesRoute {

    private final DialectEndpoint endpoint;

    public ResponsesRoute(Stages stages) {
        this.endpoint = new DialectEndpoint(Dialect.OPENAI_RESPONSES, stages);
    }

    void register(@Observes Router router) {
        router.post("/v1/responses").handler(context -> endpoint.handle(context.request()));
    }
}
