package dev.switchboard.upstream;

/**
 * Told once when an exchange has ended, whatever its outcome: the seam for usage rows and metrics. Called on the
 * event loop, so an implementation must return at once and hand any slow work to another thread.
 */
public interface ExchangeObserver {

    void exchangeFinished(Exchange exchange);
}
