package dev.switchboard.api;

import dev.switchboard.dialect.Dialect;
import dev.switchboard.dialect.TokenEstimate;
import dev.switchboard.upstream.Exchange;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * {@code POST /v1/messages}: Anthropic Messages callers (the Anthropic SDKs, Claude Code). Passed through to
 * {@code anthropic} targets, translated for {@code openai-chat} ones. {@code POST /v1/messages/count_tokens} is
 * answered by the router itself with an estimate, {@code {"input_tokens": N}}: no target is asked.
 */
@ApplicationScoped
public class MessagesRoute {

    private final DialectEndpoint messages;
    private final DialectEndpoint countTokens;

    public MessagesRoute(Stages stages) {
        this.messages = new DialectEndpoint(Dialect.ANTHROPIC, stages);
        this.countTokens = new DialectEndpoint(Dialect.ANTHROPIC, stages, MessagesRoute::countTokens);
    }

    void register(@Observes Router router) {
        router.post("/v1/messages").handler(context -> messages.handle(context.request()));
        router.post("/v1/messages/count_tokens").handler(context -> countTokens.handle(context.request()));
    }

    private static void countTokens(HttpServerRequest request, Exchange exchange) {
        long tokens = TokenEstimate.anthropicInput(exchange.body(), exchange.imageCount());
        request.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader("X-Request-Id", exchange.requestId())
                .end("{\"input_tokens\":" + tokens + "}");
    }
}
