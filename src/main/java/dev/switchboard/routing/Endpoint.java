package dev.switchboard.routing;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A served model on one provider, with the load on it. Groups naming the same (provider, model ref) share one
 * endpoint, so load-aware strategies see all traffic to that server, not one group's share.
 */
public final class Endpoint {

    private final String id;
    private final Provider provider;
    private final ModelRef modelRef;
    private final AtomicInteger inFlight = new AtomicInteger();

    Endpoint(Provider provider, ModelRef modelRef) {
        this.id = provider.name() + "/" + modelRef.name();
        this.provider = provider;
        this.modelRef = modelRef;
    }

    /** {@code provider/model_ref}. */
    public String id() {
        return id;
    }

    public Provider provider() {
        return provider;
    }

    public ModelRef modelRef() {
        return modelRef;
    }

    /** Requests now being served by this endpoint through this router. */
    public int inFlight() {
        return inFlight.get();
    }

    /** Counts an attempt in; pair with {@link #release()}. */
    public void acquire() {
        inFlight.incrementAndGet();
    }

    public void release() {
        inFlight.decrementAndGet();
    }

    @Override
    public String toString() {
        return id;
    }
}
