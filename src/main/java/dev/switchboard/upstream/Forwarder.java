package dev.switchboard.upstream;

import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.dialect.ApiError;
import dev.switchboard.dialect.ErrorKind;
import dev.switchboard.dialect.ErrorResponses;
import dev.switchboard.dialect.translation.UntranslatableRequest;
import dev.switchboard.routing.HealthView;
import dev.switchboard.routing.Target;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import java.util.List;

/**
 * Drives an exchange through its attempts: picks a target, runs the attempt, and on a failure before the first byte
 * reached the caller moves to the next eligible target, up to {@code switchboard.requests.max_attempts} inside the
 * request's deadline. The request-level fallback is ours rather than a fault-tolerance library's because it must stop
 * the moment a byte has been relayed.
 */
@ApplicationScoped
public class Forwarder {

    private final Vertx vertx;
    private final UpstreamClients clients;
    private final int maxAttempts;
    private final long deadlineNanos;
    private final int maxEjectedPercent;
    private final HealthView health;
    private final List<ExchangeObserver> observers;
    private final List<AttemptObserver> attemptObservers;

    public Forwarder(Vertx vertx, UpstreamClients clients, SwitchboardConfig config, HealthView health,
                     Instance<ExchangeObserver> observers, Instance<AttemptObserver> attemptObservers) {
        this.vertx = vertx;
        this.clients = clients;
        this.health = health;
        this.maxEjectedPercent = config.health().maxEjectedPercent();
        this.observers = observers.stream().toList();
        this.attemptObservers = attemptObservers.stream().toList();
        this.maxAttempts = config.requests().maxAttempts();
        this.deadlineNanos = config.requests().deadline().toNanos();
    }

    /**
     * Forwards {@code exchange} to the chosen provider, at the path of the provider's dialect below its base URL
     * (e.g. {@code /chat/completions}). Everything from here on answers the caller, successfully or with an error in
     * its dialect.
     */
    public void forward(Exchange exchange) {
        State state = new State();
        exchange.response().closeHandler(v -> {
            if (!exchange.finished() && state.current != null) {
                state.current.cancel();
            }
        });
        exchange.attach(state);
        next(exchange, state);
    }

    private void next(Exchange exchange, State state) {
        Target target = exchange.attempts().size() < maxAttempts
                ? exchange.group().pick(exchange.route(), exchange.tried(), health, maxEjectedPercent)
                : null;
        if (target == null) {
            fail(exchange, state);
            return;
        }
        exchange.tried().add(target.endpoint());
        // each attempt watches the request's deadline with its own timer: attempts follow one another without a gap
        state.current = new AttemptRun(this, vertx, exchange, target, exchange.startNanos() + deadlineNanos);
        try {
            state.current.start(clients);
        } catch (UntranslatableRequest e) {
            // the request itself is at fault: another target would need the same translation, so none is tried
            state.current = null;
            exchange.tried().remove(target.endpoint());
            refuse(exchange, new ApiError(ErrorKind.INVALID_REQUEST, e.getMessage(), "unsupported_parameter",
                    e.param(), 0));
        }
    }

    void attemptFailed(Exchange exchange, Attempt attempt, long retryAfterSeconds) {
        exchange.record(attempt);
        tell(attempt, retryAfterSeconds);
        State state = exchange.state();
        if (retryAfterSeconds > 0) {
            state.retryAfter = state.retryAfter == 0 ? retryAfterSeconds : Math.min(state.retryAfter, retryAfterSeconds);
        }
        if (!exchange.committed() && attempt.outcome().retryable() && !exchange.finished()) {
            next(exchange, state);
        } else {
            fail(exchange, state);
        }
    }

    void attemptEnded(Exchange exchange, Attempt attempt) {
        exchange.record(attempt);
        tell(attempt, 0);
        finish(exchange);
    }

    private void tell(Attempt attempt, long retryAfterSeconds) {
        for (AttemptObserver observer : attemptObservers) {
            observer.attemptEnded(attempt, retryAfterSeconds);
        }
    }

    private void fail(Exchange exchange, State state) {
        if (!exchange.attempts().isEmpty() && !exchange.response().headWritten()) {
            exchange.response().putHeader(AttemptRun.ATTEMPTS, Integer.toString(exchange.attempts().size()));
        }
        refuse(exchange, finalError(exchange, state));
    }

    private void refuse(Exchange exchange, ApiError error) {
        ErrorResponses.send(exchange.response(), exchange.dialect(), exchange.requestId(), error);
        exchange.commit(exchange.response().getStatusCode());
        finish(exchange);
    }

    private void finish(Exchange exchange) {
        if (exchange.finish()) {
            for (ExchangeObserver observer : observers) {
                observer.exchangeFinished(exchange);
            }
        }
    }

    /** The error for a request none of whose attempts succeeded, in terms the caller can act on. */
    private static ApiError finalError(Exchange exchange, State state) {
        String group = exchange.group().name();
        List<Attempt> attempts = exchange.attempts();
        if (attempts.isEmpty()) {
            return new ApiError(ErrorKind.UNAVAILABLE, "model group '" + group
                    + "' has no target that can serve this request now (all are down); retry later",
                    "no_eligible_target", null, 1);
        }
        Attempt last = attempts.get(attempts.size() - 1);
        String tries = attempts.size() == 1 ? "1 attempt" : attempts.size() + " attempts";
        return switch (last.outcome()) {
            case UPSTREAM_429 -> new ApiError(ErrorKind.RATE_LIMITED, "every target of model group '" + group
                    + "' is shedding load (" + tries + "); retry after the time given", "upstream_rate_limited", null,
                    Math.max(1, state.retryAfter));
            case FIRST_BYTE_TIMEOUT, IDLE_TIMEOUT, DEADLINE -> new ApiError(ErrorKind.GATEWAY_TIMEOUT,
                    "the upstream of model group '" + group + "' did not answer in time (" + tries + ")",
                    "upstream_timeout", null, 0);
            case UPSTREAM_5XX -> new ApiError(ErrorKind.BAD_GATEWAY, "the upstream of model group '" + group
                    + "' failed with status " + last.status() + " (" + tries + ")", "upstream_error", null, 0);
            case CONNECT_ERROR, CONNECTION_RESET -> new ApiError(ErrorKind.BAD_GATEWAY, "could not reach the upstream"
                    + " of model group '" + group + "' (" + tries + ")", "upstream_unreachable", null, 0);
            case CANCELLED -> new ApiError(ErrorKind.BAD_GATEWAY, "the request was cancelled", "cancelled", null, 0);
            case OK, UPSTREAM_4XX, STREAM_CUT -> new ApiError(ErrorKind.INTERNAL,
                    "the request ended in an unexpected state (" + last.outcome().label() + ")");
        };
    }

    /** Per-exchange forwarding state. */
    static final class State {
        private AttemptRun current;
        private long retryAfter;
    }
}
