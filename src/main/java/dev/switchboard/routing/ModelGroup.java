package dev.switchboard.routing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** A caller-facing model name and the targets that may serve it. */
public final class ModelGroup {

    private final String name;
    private final Strategy strategy;
    private final List<Target> targets;

    ModelGroup(String name, Strategy strategy, List<Target> targets) {
        this.name = name;
        this.strategy = strategy;
        this.targets = List.copyOf(targets);
    }

    public String name() {
        return name;
    }

    public List<Target> targets() {
        return targets;
    }

    /**
     * Picks the target for the next attempt, or null when none is left.
     *
     * @param tried endpoints already attempted for this request; never picked again
     */
    public Target pick(RouteRequest request, Collection<Endpoint> tried) {
        List<Target> eligible = new ArrayList<>(targets.size());
        for (Target target : targets) {
            if (target.toolOnly() && !request.carriesTools()) {
                continue;
            }
            if (!tried.contains(target.endpoint())) {
                eligible.add(target);
            }
        }
        return eligible.isEmpty() ? null : strategy.pick(eligible, request);
    }
}
