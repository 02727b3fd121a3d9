package dev.switchboard.simulator;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A fake OpenAI-compatible vLLM server on one port: chat completions (streamed or not, with tool calls), Anthropic
 * messages and OpenAI responses in the same way, models, health, vLLM metrics, a prefix KV-cache model, a bounded scheduler and fault injection, plus {@code /sim/*} endpoints
 * to inspect received requests and change faults. One Vert.x event loop serves it: all state changes happen there.
 */
public final class SimulatedServer {

    private static final int RECENT_LIMIT = 200;

    private final Engine engine;
    private final ArrayDeque<ReceivedRequest> recent = new ArrayDeque<>(RECENT_LIMIT);
    private final Buffer modelList;
    private HttpServer http;

    private SimulatedServer(Vertx vertx, SimulatorSettings settings) {
        this.engine = new Engine(vertx, settings);
        long created = System.currentTimeMillis() / 1000;
        JsonArray data = new JsonArray();
        for (String model : settings.models()) {
            data.add(new JsonObject().put("id", model).put("object", "model").put("created", created)
                    .put("owned_by", "vllm").put("root", model).putNull("parent").put("max_model_len", 32768));
        }
        this.modelList = new JsonObject().put("object", "list").put("data", data).toBuffer();
    }

    /**
     * Binds a simulator on {@code settings.host():settings.port()} (port 0: a free one). The future fails when the
     * port cannot be bound.
     */
    public static Future<SimulatedServer> start(Vertx vertx, SimulatorSettings settings) {
        SimulatedServer server = new SimulatedServer(vertx, settings);
        HttpServerOptions options = new HttpServerOptions()
                .setHost(settings.host())
                .setPort(settings.port())
                .setTcpNoDelay(true)
                .setHandle100ContinueAutomatically(true);
        return vertx.createHttpServer(options)
                .requestHandler(server::handle)
                .listen()
                .map(bound -> {
                    server.http = bound;
                    return server;
                });
    }

    /** The bound port. */
    public int port() {
        return http.actualPort();
    }

    /** Stops listening and closes open connections, which cancels their generations. */
    public Future<Void> close() {
        return http.close();
    }

    public SimulatorSettings settings() {
        return engine.settings();
    }

    public Faults faults() {
        return engine.faults();
    }

    /** Replaces the injected faults; the rate counter starts again. */
    public void faults(Faults faults) {
        engine.faults(faults == null ? Faults.NONE : faults);
    }

    /** The last 200 requests received (except {@code /sim/*}), newest last. */
    public List<ReceivedRequest> recentRequests() {
        synchronized (recent) {
            return List.copyOf(recent);
        }
    }

    public void clearRecentRequests() {
        synchronized (recent) {
            recent.clear();
        }
    }

    /** Requests generating now (a hanging request counts until its client leaves). */
    public int running() {
        return engine.scheduler().running();
    }

    /** Requests waiting for a running slot. */
    public int waiting() {
        return engine.scheduler().waiting();
    }

    private void handle(HttpServerRequest request) {
        request.body().onSuccess(body -> route(request, body));
    }

    private void route(HttpServerRequest request, Buffer body) {
        String path = request.path();
        HttpMethod method = request.method();
        if (!path.startsWith("/sim/")) {
            remember(request, body);
        }
        String requestId = request.getHeader("x-request-id");
        if (requestId != null) {
            request.response().putHeader("x-request-id", requestId);
        }
        switch (path) {
            case "/v1/chat/completions" -> {
                if (allowed(request, HttpMethod.POST)) {
                    ChatCompletions.handle(engine, request, body);
                }
            }
            case "/v1/messages" -> {
                if (allowed(request, HttpMethod.POST)) {
                    AnthropicMessages.handle(engine, request, body);
                }
            }
            case "/v1/responses" -> {
                if (allowed(request, HttpMethod.POST)) {
                    OpenAiResponses.handle(engine, request, body);
                }
            }
            case "/v1/models" -> {
                if (allowed(request, HttpMethod.GET)) {
                    json(request.response(), 200, modelList);
                }
            }
            case "/health" -> {
                if (allowed(request, HttpMethod.GET)) {
                    request.response().setStatusCode(engine.faults().unhealthy() ? 503 : 200).end();
                }
            }
            case "/metrics" -> {
                if (allowed(request, HttpMethod.GET)) {
                    String text = engine.metrics().render(engine.settings().models().getFirst(), running(),
                            waiting(), engine.cacheUsage());
                    request.response().putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
                            .end(text);
                }
            }
            case "/sim/requests" -> {
                if (method == HttpMethod.DELETE) {
                    clearRecentRequests();
                    request.response().setStatusCode(204).end();
                } else if (allowed(request, HttpMethod.GET)) {
                    json(request.response(), 200, SimulatorAdmin.requestsJson(recentRequests()));
                }
            }
            case "/sim/faults" -> {
                if (method == HttpMethod.PUT) {
                    SimulatorAdmin.replaceFaults(this, request.response(), body);
                } else if (allowed(request, HttpMethod.GET)) {
                    json(request.response(), 200, SimulatorAdmin.faultsJson(faults()));
                }
            }
            default -> ErrorShape.OPENAI.send(request.response(), 404, "No route for " + method + " " + path + ".",
                    null);
        }
    }

    private static boolean allowed(HttpServerRequest request, HttpMethod expected) {
        if (request.method() == expected) {
            return true;
        }
        request.response().putHeader("allow", expected.name());
        ErrorShape.OPENAI.send(request.response(), 405,
                request.method() + " is not allowed on " + request.path() + "; use " + expected + ".", null);
        return false;
    }

    static void json(HttpServerResponse response, int status, Buffer body) {
        response.setStatusCode(status).putHeader("content-type", "application/json").end(body);
    }

    private void remember(HttpServerRequest request, Buffer body) {
        Map<String, String> headers = new LinkedHashMap<>();
        request.headers().forEach(header -> headers.merge(header.getKey().toLowerCase(Locale.ROOT),
                header.getValue(), (first, more) -> first + ", " + more));
        ReceivedRequest received = new ReceivedRequest(request.method().name(), request.path(), headers,
                body.toString(StandardCharsets.UTF_8));
        synchronized (recent) {
            if (recent.size() == RECENT_LIMIT) {
                recent.removeFirst();
            }
            recent.addLast(received);
        }
    }
}
