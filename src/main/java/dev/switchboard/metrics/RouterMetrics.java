package dev.switchboard.metrics;

import dev.switchboard.health.HealthChecks;
import dev.switchboard.health.TargetHealth;
import dev.switchboard.health.TargetHealthRegistry;
import dev.switchboard.routing.ModelGroup;
import dev.switchboard.routing.Routing;
import dev.switchboard.routing.Target;
import dev.switchboard.upstream.Attempt;
import dev.switchboard.upstream.Exchange;
import dev.switchboard.upstream.ExchangeObserver;
import dev.switchboard.upstream.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The router's Prometheus metrics (names and labels in docs/operations.md), recorded once per finished request from
 * its exchange, off the relay's path. Labels come only from configuration (group, target) and closed sets (dialect,
 * status, outcome), never from requests, so their number stays bounded. Meters are cached per label set, so a request
 * costs a few map look-ups and no meter registration.
 */
@ApplicationScoped
public class RouterMetrics implements ExchangeObserver {

    private final MeterRegistry registry;
    private final Routing routing;
    private final TargetHealthRegistry health;
    private final HealthChecks checks;
    private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();
    private final Map<List<String>, Timer> timers = new ConcurrentHashMap<>();

    public RouterMetrics(MeterRegistry registry, Routing routing, TargetHealthRegistry health, HealthChecks checks) {
        this.registry = registry;
        this.routing = routing;
        this.health = health;
        this.checks = checks;
    }

    void registerGauges(@Observes StartupEvent event) {
        for (ModelGroup group : routing.groups()) {
            Gauge.builder("switchboard.inflight.requests", group,
                            g -> g.targets().stream().mapToInt(t -> t.endpoint().inFlight()).sum())
                    .description("Attempts in flight on the group's targets through this router")
                    .tag("group", group.name()).register(registry);
            for (Target target : group.targets()) {
                Gauge.builder("switchboard.target.up", target, t -> checks.usable(t, System.nanoTime()) ? 1 : 0)
                        .description("1 when the target may take traffic (probed and passed, not ejected or cooling)")
                        .tags("group", group.name(), "target", target.id()).register(registry);
            }
        }
        for (TargetHealth target : health.all()) {
            FunctionCounter.builder("switchboard.target.ejections", target, TargetHealth::ejections)
                    .description("Times the target was ejected for failing requests")
                    .tag("target", target.endpoint().id()).register(registry);
        }
    }

    @Override
    public void exchangeFinished(Exchange exchange) {
        String dialect = exchange.dialect().wireName();
        String group = exchange.group().name();
        List<Attempt> attempts = exchange.attempts();
        String target = attempts.isEmpty() ? "none" : attempts.get(attempts.size() - 1).target().id();
        String status = Integer.toString(exchange.status());

        counter("switchboard.requests", "Requests answered, by the status the caller got",
                "dialect", dialect, "group", group, "target", target, "status", status).increment();
        if (exchange.firstTokenNanos() > 0) {
            timer("switchboard.time.to.first.token", "From arrival to the first generated token relayed",
                    dialect, group, target).record(exchange.firstTokenNanos() - exchange.startNanos(), TimeUnit.NANOSECONDS);
        }
        timer("switchboard.request.duration", "From arrival to the last byte relayed", dialect, group, target)
                .record(exchange.endNanos() - exchange.startNanos(), TimeUnit.NANOSECONDS);
        if (!attempts.isEmpty()) {
            counter("switchboard.tokens", "Tokens in (prompt) and out (completion)", "group", group, "target", target,
                    "direction", "in").increment(exchange.usage().promptTokens());
            counter("switchboard.tokens", "Tokens in (prompt) and out (completion)", "group", group, "target", target,
                    "direction", "out").increment(exchange.usage().completionTokens());
        }
        for (Attempt attempt : attempts) {
            counter("switchboard.attempts", "Attempts on targets, by how each ended", "group", group,
                    "target", attempt.target().id(), "outcome", attempt.outcome().label()).increment();
        }
        if (attempts.size() > 1 && attempts.get(attempts.size() - 1).outcome() == Outcome.OK) {
            counter("switchboard.fallbacks", "Requests served by a target other than the first one tried",
                    "group", group).increment();
        }
    }

    /** A counter for {@code name} and alternating tag keys and values, registered once. */
    Counter counter(String name, String description, String... tags) {
        return counters.computeIfAbsent(key(name, tags),
                k -> Counter.builder(name).description(description).tags(tags).register(registry));
    }

    private Timer timer(String name, String description, String dialect, String group, String target) {
        String[] tags = {"dialect", dialect, "group", group, "target", target};
        Function<List<String>, Timer> create = k -> Timer.builder(name).description(description).tags(tags)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry);
        return timers.computeIfAbsent(key(name, tags), create);
    }

    private static List<String> key(String name, String... tags) {
        String[] key = new String[tags.length + 1];
        key[0] = name;
        System.arraycopy(tags, 0, key, 1, tags.length);
        return List.of(key);
    }
}
