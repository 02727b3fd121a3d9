package dev.switchboard.api;

import dev.switchboard.admission.Admission;
import dev.switchboard.admission.Caller;
import dev.switchboard.admission.Callers;
import dev.switchboard.admission.ImagePolicy;
import dev.switchboard.admission.RequestBodyReader;
import dev.switchboard.admission.TenantResolver;
import dev.switchboard.admission.Tokens;
import dev.switchboard.dialect.ApiError;
import dev.switchboard.dialect.Dialect;
import dev.switchboard.dialect.ErrorKind;
import dev.switchboard.dialect.ErrorResponses;
import dev.switchboard.dialect.JsonBody;
import dev.switchboard.dialect.RequestFeatures;
import dev.switchboard.routing.ModelGroup;
import dev.switchboard.routing.PromptPrefix;
import dev.switchboard.routing.RouteRequest;
import dev.switchboard.routing.Routing;
import dev.switchboard.upstream.Exchange;
import dev.switchboard.upstream.Forwarder;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

/**
 * The steps every dialect endpoint shares: identify the caller, read the body within limits, find {@code model},
 * resolve the group, check that the request's images may be sent and that some target of the group can serve what it
 * uses, and hand the exchange to admission and the forwarder. Errors before that point are answered here, in the
 * endpoint's dialect.
 */
final class DialectEndpoint {

    /** What answers an admitted request on the spot instead of the forwarder ({@code count_tokens}). */
    interface LocalAnswer {
        void answer(HttpServerRequest request, Exchange exchange);
    }

    private static final CharSequence API_KEY = HttpHeaders.createOptimized("x-api-key");
    private static final CharSequence PREFIX_KEY = HttpHeaders.createOptimized("X-Switchboard-Prefix-Key");

    private final Dialect dialect;
    private final RequestBodyReader bodies;
    private final Routing routing;
    private final Forwarder forwarder;
    private final Callers callers;
    private final TenantResolver tenants;
    private final Admission admission;
    private final ImagePolicy images;
    private final LocalAnswer local;

    /** An endpoint whose requests go upstream, to the path of each target's dialect. */
    DialectEndpoint(Dialect dialect, Stages stages) {
        this(dialect, stages, null);
    }

    /** An endpoint the router answers itself, after the same checks; no admission slot is taken. */
    DialectEndpoint(Dialect dialect, Stages stages, LocalAnswer local) {
        this.dialect = dialect;
        this.bodies = stages.bodies();
        this.routing = stages.routing();
        this.forwarder = stages.forwarder();
        this.callers = stages.callers();
        this.tenants = stages.tenants();
        this.admission = stages.admission();
        this.images = stages.images();
        this.local = local;
    }

    void handle(HttpServerRequest request) {
        long start = System.nanoTime();
        String requestId = RequestIds.of(request);
        Callers.Identity identity = callers.identify(
                Tokens.presented(request.getHeader(HttpHeaders.AUTHORIZATION), request.getHeader(API_KEY)));
        if (!identity.known()) {
            reject(request, requestId, identity.refusal());
            return;
        }
        Caller caller;
        try {
            String tenant = identity.config() == null ? tenants.resolve(request)
                    : identity.config().tenant().orElse(identity.name());
            String project = identity.config() == null ? null : identity.config().project().orElse(null);
            caller = new Caller(identity.name(), tenant, project,
                    admission.scopes(identity.name(), identity.config(), tenant));
        } catch (TenantResolver.BadHeaderException e) {
            reject(request, requestId, new ApiError(ErrorKind.INVALID_REQUEST, e.getMessage(), "invalid_header", null, 0));
            return;
        }
        bodies.read(request, dialect, requestId, body -> route(request, requestId, identity, caller, body, start));
    }

    private void route(HttpServerRequest request, String requestId, Callers.Identity identity, Caller caller,
                       Buffer raw, long start) {
        JsonBody body;
        try {
            body = JsonBody.parse(raw.getBytes());
        } catch (JsonBody.MalformedJsonException e) {
            reject(request, requestId, new ApiError(ErrorKind.INVALID_REQUEST, e.getMessage(), "invalid_json", null, 0));
            return;
        }
        String model = body.string("model");
        if (model == null || model.isBlank()) {
            reject(request, requestId, new ApiError(ErrorKind.INVALID_REQUEST, body.has("model")
                    ? "'model' must be a string naming a model group; GET /v1/models lists them"
                    : "the request has no 'model'; name a model group, GET /v1/models lists them",
                    body.has("model") ? "invalid_type" : "missing_required_parameter", "model", 0));
            return;
        }
        ModelGroup group = routing.group(model);
        boolean allowed = group != null && identity.allows(group.name());
        if (group != null && !allowed && !callers.hideForbiddenGroups()) {
            reject(request, requestId, new ApiError(ErrorKind.FORBIDDEN, "caller '" + identity.name()
                    + "' may not use model group '" + group.name() + "'; GET /v1/models lists the groups you may use",
                    "model_not_allowed", "model", 0));
            return;
        }
        if (!allowed) {
            reject(request, requestId, new ApiError(ErrorKind.NOT_FOUND, "the model '" + printable(model)
                    + "' does not exist; GET /v1/models lists the model groups you may use", "model_not_found",
                    "model", 0));
            return;
        }
        RequestFeatures features = RequestFeatures.of(dialect, body);
        ApiError refused = images.check(features);
        PromptPrefix prompt = routing.prompt(body, dialect, caller.tenant(), group);
        RouteRequest route = new RouteRequest(features.tools(), prompt, dialect, features.imageCount(),
                features.structuredOutput(), features.ownDialectOnly());
        String unmet = refused == null ? group.refusal(route) : null;
        if (unmet != null) {
            refused = new ApiError(ErrorKind.INVALID_REQUEST, unmet + "; send the request without it, or ask for"
                    + " another model group", "unsupported_capability", null, 0);
        }
        if (refused != null) {
            reject(request, requestId, refused);
            return;
        }
        Exchange exchange = new Exchange(request, dialect, requestId, group, body, route, body.isTrue("stream"), start);
        exchange.caller(caller);
        prefixKey(request, group, prompt, exchange);
        if (local != null) {
            local.answer(request, exchange);
            return;
        }
        admission.admit(exchange, request.response(), () -> forwarder.forward(exchange),
                error -> reject(request, requestId, error));
    }

    /**
     * Keeps the prefix key on the exchange (for the usage row) when the group routes by prompt or the caller asks
     * with {@code X-Switchboard-Prefix-Key: true}; only then is it computed. The caller who asked gets it back in the
     * same header, on every answer: headers set here survive the commit and error responses.
     */
    private static void prefixKey(HttpServerRequest request, ModelGroup group, PromptPrefix prompt, Exchange exchange) {
        boolean asked = "true".equalsIgnoreCase(request.getHeader(PREFIX_KEY));
        if (asked || group.routesByPrompt()) {
            String key = prompt.key().value();
            exchange.prefixKey(key);
            if (asked) {
                request.response().putHeader(PREFIX_KEY, key);
            }
        }
    }

    private void reject(HttpServerRequest request, String requestId, ApiError error) {
        ErrorResponses.send(request.response(), dialect, requestId, error);
    }

    /** A caller-supplied name fit to echo: bounded and printable. */
    private static String printable(String value) {
        String cut = value.length() > 128 ? value.substring(0, 128) + "…" : value;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
