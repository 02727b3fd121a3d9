package dev.switchboard.upstream;

import dev.switchboard.routing.Target;

/**
 * One try of one target for one request.
 *
 * @param status the upstream's HTTP status, or 0 when none arrived
 * @param nanos  from sending to the attempt's end
 */
public record Attempt(Target target, Outcome outcome, int status, long nanos) { }
