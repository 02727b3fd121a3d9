package dev.switchboard.upstream;

/** Told of every attempt's end, on the event loop: the passive half of health tracking listens here. */
public interface AttemptObserver {

    /**
     * @param retryAfterSeconds the upstream's {@code Retry-After} when it answered 429 with one, else 0
     */
    void attemptEnded(Attempt attempt, long retryAfterSeconds);
}
