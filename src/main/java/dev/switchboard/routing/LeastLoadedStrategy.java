package dev.switchboard.routing;

import java.util.List;

/**
 * Sends each request to the target with the fewest requests in flight through this router, ties going to the higher
 * weight, then to the earlier target. Choose it when request sizes vary widely and servers should stay evenly busy.
 */
final class LeastLoadedStrategy implements Strategy {

    @Override
    public Target pick(List<Target> eligible, RouteRequest request) {
        Target best = eligible.get(0);
        int bestLoad = best.endpoint().inFlight();
        for (int i = 1; i < eligible.size(); i++) {
            Target target = eligible.get(i);
            int load = target.endpoint().inFlight();
            if (load < bestLoad || (load == bestLoad && target.weight() > best.weight())) {
                best = target;
                bestLoad = load;
            }
        }
        return best;
    }
}
