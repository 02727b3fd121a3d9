package dev.switchboard.testing;

import dev.switchboard.upstream.Exchange;
import dev.switchboard.upstream.ExchangeObserver;
import io.quarkus.arc.Arc;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/** The exchanges that finished since the last {@link #clear()}, as an observer of the usage seam sees them. */
@ApplicationScoped
public class RecordedExchanges implements ExchangeObserver {

    private final List<Exchange> finished = new ArrayList<>();

    @Override
    public synchronized void exchangeFinished(Exchange exchange) {
        if (finished.size() < 100) {
            finished.add(exchange);
        }
    }

    synchronized List<Exchange> snapshot() {
        return List.copyOf(finished);
    }

    synchronized void forget() {
        finished.clear();
    }

    /** Every exchange finished since the last clear, oldest first. */
    public static List<Exchange> all() {
        return bean().snapshot();
    }

    public static void clear() {
        bean().forget();
    }

    private static RecordedExchanges bean() {
        return Arc.container().instance(RecordedExchanges.class).get();
    }
}
