package dev.switchboard.training;

import io.quarkus.runtime.QuarkusApplication;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The training workload: every caller surface once, then thousands of the requests that dominate production (streamed
 * chat through the pass-through relay) and hundreds of the rest (whole answers, the other dialects, translation,
 * prefix routing, refusals, the operator surface), a few at a time as real callers send them. Each answer is checked,
 * so a cache is never trained on a broken router: any surprise fails the run.
 */
public class TrainingRun implements QuarkusApplication {

    private static final String MESSAGES = "[{\"role\":\"system\",\"content\":\"You are a careful assistant.\"},"
            + "{\"role\":\"user\",\"content\":\"Explain in a few words why caches make repeated work cheap.\"}]";
    private static final String TOOLS = ",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"lookup\","
            + "\"parameters\":{\"type\":\"object\",\"properties\":{\"q\":{\"type\":\"string\"}}}}}]";
    private static final int CONCURRENCY = 16;

    private final ConcurrentLinkedQueue<String> surprises = new ConcurrentLinkedQueue<>();
    private HttpClient client;
    private int port;
    private String caller;
    private String admin;

    @Override
    public int run(String... args) throws Exception {
        port = ConfigProvider.getConfig().getValue("quarkus.http.port", Integer.class);
        caller = System.getProperty("training.caller-token");
        admin = System.getProperty("training.admin-token");
        Vertx vertx = Vertx.vertx();
        client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setDefaultPort(port)
                .setDefaultHost("127.0.0.1"), new PoolOptions().setHttp1MaxSize(CONCURRENCY));
        try {
            long start = System.nanoTime();
            awaitReady();
            List<Call> everything = calls();
            run(everything, 1, 1); // each path once, in order, before any load
            run(everything, 200, CONCURRENCY);
            run(List.of(chatStream("train"), chatStream("train-prefix")), 3000, CONCURRENCY);
            if (surprises.isEmpty()) {
                System.out.printf("training: %d kinds of request answered as expected in %d ms%n", everything.size(),
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            }
        } finally {
            client.close();
            vertx.close();
        }
        if (!surprises.isEmpty()) {
            System.err.println("training: unexpected answers (first 10):");
            surprises.stream().limit(10).forEach(s -> System.err.println("  " + s));
            return 1;
        }
        return 0;
    }

    /** Every kind of request the training sends, with the status and the body text each must answer with. */
    private List<Call> calls() {
        List<Call> calls = new ArrayList<>();
        calls.add(chatStream("train"));
        calls.add(chatStream("train-prefix"));
        calls.add(post("/v1/chat/completions", caller, "{\"model\":\"train\",\"stream\":true,"
                + "\"stream_options\":{\"include_usage\":true},\"messages\":" + MESSAGES + "}", 200, "\"usage\""));
        calls.add(post("/v1/chat/completions", caller, "{\"model\":\"train\",\"messages\":" + MESSAGES + "}", 200,
                "\"choices\""));
        calls.add(post("/v1/chat/completions", caller, "{\"model\":\"train\",\"messages\":" + MESSAGES + TOOLS
                + ",\"tool_choice\":\"required\"}", 200, "\"tool_calls\""));
        calls.add(post("/v1/chat/completions", caller, "{\"model\":\"train-translated\",\"stream\":true,"
                + "\"messages\":" + MESSAGES + "}", 200, "[DONE]"));
        calls.add(post("/v1/chat/completions", caller, "{\"model\":\"train-translated\",\"messages\":" + MESSAGES
                + "}", 200, "\"choices\""));
        calls.add(post("/v1/messages", caller, "{\"model\":\"train-translated\",\"max_tokens\":64,\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Say hello.\"}]}", 200, "message_stop"));
        calls.add(post("/v1/messages", caller, "{\"model\":\"train\",\"max_tokens\":64,\"system\":\"Be brief.\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Say hello.\"}]}", 200, "\"content\""));
        calls.add(post("/v1/messages", caller, "{\"model\":\"train\",\"max_tokens\":64,\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Say hello.\"}]}", 200, "message_stop"));
        calls.add(post("/v1/messages/count_tokens", caller, "{\"model\":\"train\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"Say hello.\"}]}", 200, "input_tokens"));
        calls.add(post("/v1/responses", caller, "{\"model\":\"train\",\"input\":\"Say hello.\",\"stream\":true}", 200,
                "response.completed"));
        calls.add(post("/v1/responses", caller, "{\"model\":\"train\",\"input\":\"Say hello.\"}", 200, "\"output\""));
        calls.add(post("/v1/chat/completions", caller, "{\"model\":\"no-such-group\",\"messages\":" + MESSAGES + "}",
                404, "model_not_found"));
        calls.add(post("/v1/chat/completions", "wrong-token", "{\"model\":\"train\",\"messages\":" + MESSAGES + "}",
                401, "error"));
        calls.add(post("/v1/chat/completions", caller, "{\"model\":", 400, "invalid_json"));
        calls.add(post("/v1/messages", caller, "{\"max_tokens\":5}", 400, "error"));
        calls.add(get("/v1/models", caller, 200, "train"));
        calls.add(get("/q/health/ready", null, 200, "UP"));
        calls.add(get("/readyz", null, 200, "UP"));
        calls.add(get("/q/health/live", null, 200, "UP"));
        calls.add(get("/version", null, 200, "version"));
        calls.add(get("/metrics", admin, 200, "switchboard_requests"));
        calls.add(get("/admin/targets", admin, 200, "train-chat"));
        calls.add(get("/admin/config", admin, 200, "train-chat"));
        calls.add(get("/admin/usage?limit=5", admin, 200, "rows"));
        calls.add(get("/admin/usage/summary?group_by=group", admin, 200, "\"groups\""));
        return calls;
    }

    private Call chatStream(String group) {
        return post("/v1/chat/completions", caller, "{\"model\":\"" + group + "\",\"stream\":true,\"max_tokens\":64,"
                + "\"messages\":" + MESSAGES + "}", 200, "[DONE]");
    }

    private static Call post(String path, String token, String body, int status, String expect) {
        return new Call(HttpMethod.POST, path, token, body, status, expect);
    }

    private static Call get(String path, String token, int status, String expect) {
        return new Call(HttpMethod.GET, path, token, null, status, expect);
    }

    /** Sends {@code rounds} rounds of {@code calls}, {@code concurrency} at a time, and waits for them all. */
    private void run(List<Call> calls, int rounds, int concurrency) throws Exception {
        AtomicInteger next = new AtomicInteger();
        int total = calls.size() * rounds;
        List<CompletableFuture<Void>> lanes = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            CompletableFuture<Void> lane = new CompletableFuture<>();
            lanes.add(lane);
            lane(calls, next, total, lane);
        }
        CompletableFuture.allOf(lanes.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
    }

    private void lane(List<Call> calls, AtomicInteger next, int total, CompletableFuture<Void> done) {
        int i = next.getAndIncrement();
        if (i >= total || surprises.size() > 10) {
            done.complete(null);
            return;
        }
        Call call = calls.get(i % calls.size());
        send(call).onComplete(answer -> {
            if (answer.failed()) {
                surprises.add(call.method() + " " + call.path() + ": " + answer.cause());
            } else if (answer.result().status() != call.status() || !answer.result().body().contains(call.expect())) {
                String body = answer.result().body();
                surprises.add(call.method() + " " + call.path() + ": " + answer.result().status() + " "
                        + body.substring(0, Math.min(200, body.length())));
            }
            lane(calls, next, total, done);
        });
    }

    private Future<Answer> send(Call call) {
        RequestOptions options = new RequestOptions().setMethod(call.method()).setURI(call.path());
        if (call.token() != null) {
            options.putHeader("Authorization", "Bearer " + call.token());
        }
        if (call.body() != null) {
            options.putHeader("Content-Type", "application/json");
        }
        return client.request(options)
                .compose(request -> call.body() == null ? request.send() : request.send(Buffer.buffer(call.body())))
                .compose(response -> response.body().map(body -> new Answer(response.statusCode(), body.toString())));
    }

    /** The router is up when its port answers; readiness waits for the first probe of the simulators. */
    private void awaitReady() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Answer ready = send(get("/q/health/ready", null, 200, "UP")).toCompletionStage().toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            if (ready.status() == 200) {
                return;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("training: the router did not become ready within 60 s");
    }

    private record Call(HttpMethod method, String path, String token, String body, int status, String expect) { }

    private record Answer(int status, String body) { }
}
