package dev.switchboard.api;

import dev.switchboard.admission.ImagePolicy;
import dev.switchboard.admission.RequestBodyReader;
import dev.switchboard.dialect.ApiError;
import dev.switchboard.dialect.Dialect;
import dev.switchboard.dialect.ErrorKind;
import dev.switchboard.dialect.ErrorResponses;
import dev.switchboard.dialect.JsonBody;
import dev.switchboard.dialect.RequestFeatures;
import dev.switchboard.routing.ModelGroup;
import dev.switchboard.routing.RouteRequest;
import dev.switchboard.routing.Routing;
import dev.switchboard.upstream.Exchange;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/**
 * The steps every dialect endpoint shares: read the body within limits, find {@code model}, resolve the group, check
 * that the request's images may be sent and that some target of the group can serve what it uses, and hand the
 * exchange on. Errors before that point are answered here, in the endpoint's dialect.
 */
final class DialectEndpoint {

    /** What becomes of an admitted request: usually the forwarder; {@code count_tokens} answers it on the spot. */
    interface Destination {
        void accept(HttpServerRequest request, Exchange exchange);
    }

    private final Dialect dialect;
    private final RequestBodyReader bodies;
    private final Routing routing;
    private final ImagePolicy images;
    private final Destination destination;

    DialectEndpoint(Dialect dialect, RequestBodyReader bodies, Routing routing, ImagePolicy images,
                    Destination destination) {
        this.dialect = dialect;
        this.bodies = bodies;
        this.routing = routing;
        this.images = images;
        this.destination = destination;
    }

    void handle(HttpServerRequest request) {
        long start = System.nanoTime();
        String requestId = RequestIds.of(request);
        bodies.read(request, dialect, requestId, body -> route(request, requestId, body, start));
    }

    private void route(HttpServerRequest request, String requestId, Buffer raw, long start) {
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
        if (group == null) {
            reject(request, requestId, new ApiError(ErrorKind.NOT_FOUND, "the model '" + printable(model)
                    + "' does not exist; GET /v1/models lists the model groups you may use", "model_not_found",
                    "model", 0));
            return;
        }
        RequestFeatures features = RequestFeatures.of(dialect, body);
        RouteRequest route = new RouteRequest(features.tools(), dialect, features.imageCount(),
                features.structuredOutput(), features.ownDialectOnly());
        ApiError refused = refusal(features, group, route);
        if (refused != null) {
            reject(request, requestId, refused);
            return;
        }
        destination.accept(request, new Exchange(request, dialect, requestId, group, body, route,
                body.isTrue("stream"), start));
    }

    /** A 400 for images that may not be sent, or for a request no target of the group can serve; else null. */
    private ApiError refusal(RequestFeatures features, ModelGroup group, RouteRequest route) {
        ApiError refused = images.check(features);
        if (refused != null) {
            return refused;
        }
        String unmet = group.refusal(route);
        return unmet == null ? null : new ApiError(ErrorKind.INVALID_REQUEST, unmet + "; send the request without"
                + " it, or ask for another model group", "unsupported_capability", null, 0);
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
