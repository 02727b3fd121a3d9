package dev.switchboard.tracing;

import dev.switchboard.routing.Target;
import dev.switchboard.upstream.Attempt;
import dev.switchboard.upstream.Exchange;
import dev.switchboard.upstream.ExchangeObserver;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One span per request and one per attempt, with the OpenTelemetry GenAI semantic-convention attributes, written when
 * the request has ended from what its exchange recorded — so tracing adds nothing to the relay while it runs. Spans
 * go nowhere unless an exporter is configured ({@code quarkus.otel.sdk.disabled=false} and an OTLP endpoint).
 */
@ApplicationScoped
public class ExchangeSpans implements ExchangeObserver {

    private final Tracer tracer;
    /** With the SDK off the tracer is a no-op, but building spans for it still cost 1% of a busy router's CPU. */
    private final boolean enabled;

    public ExchangeSpans(Tracer tracer,
                         @ConfigProperty(name = "quarkus.otel.sdk.disabled", defaultValue = "false") boolean disabled) {
        this.tracer = tracer;
        this.enabled = !disabled;
    }

    @Override
    public void exchangeFinished(Exchange exchange) {
        if (!enabled) {
            return;
        }
        long startNanos = exchange.startNanos();
        long startEpochNanos = TimeUnit.MILLISECONDS.toNanos(exchange.startedAtMillis());
        List<Attempt> attempts = exchange.attempts();
        Span request = tracer.spanBuilder("chat " + exchange.group().name())
                .setSpanKind(SpanKind.SERVER)
                .setStartTimestamp(startEpochNanos, TimeUnit.NANOSECONDS)
                .setAttribute("gen_ai.operation.name", "chat")
                .setAttribute("gen_ai.request.model", exchange.group().name())
                .setAttribute("switchboard.request_id", exchange.requestId())
                .setAttribute("switchboard.dialect", exchange.dialect().wireName())
                .setAttribute("switchboard.caller", exchange.caller().name())
                .setAttribute("switchboard.attempts", attempts.size())
                .setAttribute("http.response.status_code", exchange.status())
                .startSpan();
        if (!attempts.isEmpty()) {
            Target last = attempts.get(attempts.size() - 1).target();
            request.setAttribute("gen_ai.system", system(last));
            request.setAttribute("gen_ai.response.model", last.modelRef().upstreamModel());
            request.setAttribute("switchboard.target", last.id());
            request.setAttribute("gen_ai.usage.input_tokens", exchange.usage().promptTokens());
            request.setAttribute("gen_ai.usage.output_tokens", exchange.usage().completionTokens());
        }
        if (exchange.firstTokenNanos() > 0) {
            request.setAttribute("switchboard.time_to_first_token_ms",
                    (exchange.firstTokenNanos() - startNanos) / 1_000_000.0);
        }
        if (exchange.status() >= 500) {
            request.setStatus(StatusCode.ERROR);
        }
        // Attempts run one after another, so each starts where the previous ended (plus the time to pick it).
        long offset = 0;
        Context parent = Context.root().with(request);
        for (Attempt attempt : attempts) {
            Span span = tracer.spanBuilder("attempt " + attempt.target().id())
                    .setParent(parent)
                    .setSpanKind(SpanKind.CLIENT)
                    .setStartTimestamp(startEpochNanos + offset, TimeUnit.NANOSECONDS)
                    .setAttribute("gen_ai.system", system(attempt.target()))
                    .setAttribute("gen_ai.request.model", attempt.target().modelRef().upstreamModel())
                    .setAttribute("switchboard.target", attempt.target().id())
                    .setAttribute("switchboard.outcome", attempt.outcome().label())
                    .setAttribute("switchboard.request_id", exchange.requestId())
                    .setAttribute("http.response.status_code", attempt.status())
                    .startSpan();
            if (attempt.outcome().retryable()) {
                span.setStatus(StatusCode.ERROR, attempt.outcome().label());
            }
            offset += attempt.nanos();
            span.end(startEpochNanos + offset, TimeUnit.NANOSECONDS);
        }
        request.end(startEpochNanos + (exchange.endNanos() - startNanos), TimeUnit.NANOSECONDS);
    }

    /** {@code gen_ai.system}: the wire family the target is reached with. */
    private static String system(Target target) {
        return switch (target.provider().dialect()) {
            case OPENAI_CHAT, OPENAI_RESPONSES -> "openai";
            case ANTHROPIC -> "anthropic";
        };
    }
}
