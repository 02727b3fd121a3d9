package dev.switchboard.admission;

import dev.switchboard.config.AdmissionConfig;
import dev.switchboard.config.CallerConfig;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.dialect.ApiError;
import dev.switchboard.dialect.ErrorKind;
import dev.switchboard.upstream.Exchange;
import dev.switchboard.upstream.ExchangeObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Decides, before any upstream work, whether a request may go on: the router's own in-flight cap, then its caller's
 * and tenant's rate buckets and concurrency caps. A request held back only by a concurrency cap waits in a bounded
 * queue, up to {@code queue_timeout}; anything else is refused at once with a 429 (503 for the router's own cap),
 * {@code Retry-After}, and a message naming the limit.
 */
@ApplicationScoped
public class Admission implements ExchangeObserver {

    private final Vertx vertx;
    private final AdmissionConfig config;
    private final LimitState limits;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Deque<Waiter> queue = new ArrayDeque<>();
    private final MeterRegistry registry;
    private final Map<String, Counter> rejections = new ConcurrentHashMap<>();

    public Admission(Vertx vertx, SwitchboardConfig config, SharedLimitState shared, MeterRegistry registry) {
        this.vertx = vertx;
        this.config = config.admission();
        this.limits = shared;
        this.registry = registry;
        Gauge.builder("switchboard.queued.requests", queue, q -> size())
                .description("Requests waiting for a free slot").register(registry);
        Gauge.builder("switchboard.admitted.requests", inFlight, AtomicInteger::get)
                .description("Requests admitted and not yet finished in this process").register(registry);
        for (String limit : new String[] {"max_in_flight", "max_concurrent", "requests_per_minute", "tokens_per_minute"}) {
            rejections(limit); // from zero, so rate() and alerts see the first refusal
        }
    }

    /** The limits a request of {@code caller} counts against: its own (when configured) and its tenant's. */
    public List<LimitScope> scopes(String callerName, CallerConfig callerConfig, String tenant) {
        List<LimitScope> scopes = new ArrayList<>(2);
        if (callerConfig != null) {
            CallerConfig.Limits l = callerConfig.limits();
            LimitScope scope = new LimitScope("caller", callerName, l.maxConcurrent().orElse(0),
                    l.requestsPerMinute().orElse(0), l.tokensPerMinute().orElse(0));
            if (scope.limited()) {
                scopes.add(scope);
            }
        }
        AdmissionConfig.Tenant t = config.perTenant();
        LimitScope tenantScope = new LimitScope("tenant", tenant, t.maxConcurrent().orElse(0),
                t.requestsPerMinute().orElse(0), t.tokensPerMinute().orElse(0));
        if (tenant != null && tenantScope.limited()) {
            scopes.add(tenantScope);
        }
        return scopes;
    }

    /**
     * Admits {@code exchange} (then runs {@code proceed} on its context) or refuses it (then calls {@code refuse}).
     *
     * @param response the caller's response, to notice a caller that leaves while its request waits
     */
    public void admit(Exchange exchange, HttpServerResponse response, Runnable proceed, Consumer<ApiError> refuse) {
        attempt(new Waiter(exchange, response, estimate(exchange), vertx.getOrCreateContext(), proceed, refuse), false);
    }

    @Override
    public void exchangeFinished(Exchange exchange) {
        inFlight.decrementAndGet();
        List<LimitScope> scopes = exchange.caller().limits();
        if (!scopes.isEmpty()) {
            long used = exchange.usage().promptTokens() + exchange.usage().completionTokens();
            limits.give(scopes, used - estimate(exchange));
        }
        drain();
    }

    private void attempt(Waiter waiter, boolean queued) {
        if (inFlight.incrementAndGet() > config.maxInFlight()) {
            inFlight.decrementAndGet();
            held(waiter, new Refusal(null, "max_in_flight", 1000), queued);
            return;
        }
        List<LimitScope> scopes = waiter.exchange.caller().limits();
        if (scopes.isEmpty()) {
            admitted(waiter);
            return;
        }
        limits.take(scopes, waiter.tokens).onComplete(result -> {
            Refusal refusal = result.succeeded() ? result.result() : null; // a broken store must not fail requests
            if (refusal == null) {
                admitted(waiter);
            } else {
                inFlight.decrementAndGet();
                held(waiter, refusal, queued);
            }
        });
    }

    private void admitted(Waiter waiter) {
        if (waiter.timer >= 0) {
            vertx.cancelTimer(waiter.timer);
        }
        if (Vertx.currentContext() == waiter.context) {
            proceed(waiter); // admitted at once, still in the request's handler: no trip through the loop's queue
        } else {
            waiter.context.runOnContext(v -> proceed(waiter));
        }
    }

    private void proceed(Waiter waiter) {
        if (waiter.response.closed()) {
            exchangeFinished(waiter.exchange); // the caller left while it waited: give the slot back
        } else {
            waiter.proceed.run();
        }
    }

    private void held(Waiter waiter, Refusal refusal, boolean queued) {
        if (queued) {
            boolean expired;
            synchronized (queue) {
                expired = waiter.expired;
                if (!expired) {
                    queue.addFirst(waiter); // keeps its place: it was taken out only to be tried
                }
            }
            if (expired) {
                refuse(waiter, refusal, " (waited " + config.queueTimeout().toMillis() + " ms)");
            }
            return;
        }
        if (!refusal.concurrency() || !enqueue(waiter, refusal)) {
            refuse(waiter, refusal, "");
        }
    }

    private boolean enqueue(Waiter waiter, Refusal refusal) {
        synchronized (queue) {
            if (queue.size() >= config.queueSize()) {
                return false;
            }
            queue.addLast(waiter);
        }
        waiter.refusal = refusal;
        waiter.timer = waiter.context.owner().setTimer(config.queueTimeout().toMillis(), id -> {
            boolean waiting;
            synchronized (queue) {
                waiting = queue.remove(waiter);
                waiter.expired = true; // if it is being tried right now, a refusal ends it instead of requeueing
            }
            if (waiting) {
                refuse(waiter, waiter.refusal, " (waited " + config.queueTimeout().toMillis() + " ms)");
            }
        });
        return true;
    }

    /** Tries the waiting requests again, oldest first, now that a slot may be free. */
    private void drain() {
        List<Waiter> ready;
        synchronized (queue) {
            if (queue.isEmpty()) {
                return;
            }
            ready = new ArrayList<>(queue);
            queue.clear();
        }
        for (Waiter waiter : ready) {
            attempt(waiter, true);
        }
    }

    private void refuse(Waiter waiter, Refusal refusal, String waited) {
        rejections(refusal.limit()).increment();
        ApiError error = error(refusal, waited);
        waiter.context.runOnContext(v -> waiter.refuse.accept(error));
    }

    private Counter rejections(String limit) {
        return rejections.computeIfAbsent(limit, l -> Counter.builder("switchboard.admission.rejections")
                .description("Requests refused by admission, by the limit that refused them")
                .tag("limit", l).register(registry));
    }

    private ApiError error(Refusal refusal, String waited) {
        long retryAfter = Math.max(1, (refusal.retryAfterMillis() + 999) / 1000);
        if (refusal.scope() == null) {
            return new ApiError(ErrorKind.UNAVAILABLE, "the router is at its limit of " + config.maxInFlight()
                    + " requests in flight" + waited + "; retry shortly", "router_overloaded", null, retryAfter);
        }
        LimitScope scope = refusal.scope();
        String who = scope.kind() + " '" + scope.name() + "'";
        String where = scope.kind().equals("caller") ? "switchboard.callers." + scope.name() + ".limits."
                : "switchboard.admission.per_tenant.";
        return switch (refusal.limit()) {
            case "max_concurrent" -> new ApiError(ErrorKind.RATE_LIMITED, who + " already has " + scope.maxConcurrent()
                    + " requests in flight (" + where + "max_concurrent)" + waited + "; wait for one to finish",
                    "concurrency_limit", null, retryAfter);
            case "requests_per_minute" -> new ApiError(ErrorKind.RATE_LIMITED, who + " is over its limit of "
                    + scope.requestsPerMinute() + " requests per minute (" + where + "requests_per_minute); retry after "
                    + retryAfter + " s", "rate_limit_requests", null, retryAfter);
            default -> new ApiError(ErrorKind.RATE_LIMITED, who + " is over its limit of " + scope.tokensPerMinute()
                    + " tokens per minute (" + where + "tokens_per_minute); retry after " + retryAfter + " s",
                    "rate_limit_tokens", null, retryAfter);
        };
    }

    /** Prompt tokens guessed from the body, about four bytes a token; corrected by the real count at the end. */
    private static long estimate(Exchange exchange) {
        return Math.max(1, exchange.body().bytes().length / 4);
    }

    private int size() {
        synchronized (queue) {
            return queue.size();
        }
    }

    /** A request being admitted, or waiting to be. */
    private static final class Waiter {
        final Exchange exchange;
        final HttpServerResponse response;
        final long tokens;
        final Context context;
        final Runnable proceed;
        final Consumer<ApiError> refuse;
        long timer = -1;
        boolean expired;
        Refusal refusal;

        Waiter(Exchange exchange, HttpServerResponse response, long tokens, Context context, Runnable proceed,
               Consumer<ApiError> refuse) {
            this.exchange = exchange;
            this.response = response;
            this.tokens = tokens;
            this.context = context;
            this.proceed = proceed;
            this.refuse = refuse;
        }
    }
}
