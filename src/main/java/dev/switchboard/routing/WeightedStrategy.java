package dev.switchboard.routing;

import java.util.List;

/**
 * Smooth weighted round-robin (the nginx algorithm): over any run of requests each target gets its weight's share,
 * interleaved rather than in bursts, so a 3:1 group sends A A B A, not A A A B. Choose it for targets of known
 * relative capacity and requests that gain nothing from landing on the same server.
 *
 * <p>When some targets are not eligible the algorithm runs over the rest only, so their shares stay proportional.
 */
final class WeightedStrategy implements Strategy {

    private final long[] current;

    WeightedStrategy(int targets) {
        this.current = new long[targets];
    }

    @Override
    public synchronized Target pick(List<Target> eligible, RouteRequest request) {
        long total = 0;
        Target best = null;
        for (Target target : eligible) {
            current[target.index()] += target.weight();
            total += target.weight();
            if (best == null || current[target.index()] > current[best.index()]) {
                best = target;
            }
        }
        current[best.index()] -= total;
        return best;
    }
}
