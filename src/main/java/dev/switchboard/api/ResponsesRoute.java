package dev.switchboard.api;

import dev.switchboard.admission.ImagePolicy;
import dev.switchboard.admission.RequestBodyReader;
import dev.switchboard.dialect.Dialect;
import dev.switchboard.routing.Routing;
import dev.switchboard.upstream.Forwarder;
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

    public ResponsesRoute(RequestBodyReader bodies, Routing routing, ImagePolicy images, Forwarder forwarder) {
        this.endpoint = new DialectEndpoint(Dialect.OPENAI_RESPONSES, bodies, routing, images,
                (request, exchange) -> forwarder.forward(exchange));
    }

    void register(@Observes Router router) {
        router.post("/v1/responses").handler(context -> endpoint.handle(context.request()));
    }
}
