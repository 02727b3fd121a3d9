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

    /** Whether this group's strategy reads prompts (prefix-affinity): their prefix keys are computed for every request. */
    public boolean routesByPrompt() {
        return strategy.needsPrompt();
    }

    /**
     * Why no target of this group can serve {@code request} whatever their health, for a 400 the caller can act on
     * (e.g. "no target of model group 'x' accepts tools in requests"); null when some target can.
     */
    public String refusal(RouteRequest request) {
        return Eligibility.of(request).refusal(this);
    }

    /**
     * Picks the target for the next attempt, or null when none is left.
     *
     * <p>Targets that cannot serve the request (its dialect, tools, images, structured output; {@code tool_only})
     * are out first, health aside. Ready targets go to the strategy. Passively ejected or cooling targets sit out, but never more than
     * {@code maxEjectedPercent} of the group: beyond that the ones whose ejection ends soonest serve again. When no
     * target is ready, the least-bad passive one is tried rather than failing the request; a target that is down by
     * its probe is never chosen.
     *
     * @param tried endpoints already attempted for this request; never picked again
     */
    public Target pick(RouteRequest request, Collection<Endpoint> tried, HealthView health, int maxEjectedPercent) {
        long now = System.nanoTime();
        List<Target> ready = new ArrayList<>(targets.size());
        List<Target> resting = null;
        List<Long> restingFor = null;
        Eligibility eligibility = Eligibility.of(request);
        for (Target target : targets) {
            if (!eligibility.fits(target) || tried.contains(target.endpoint())) {
                continue;
            }
            long unusable = health.unusableFor(target.endpoint(), now);
            if (unusable == HealthView.READY) {
                ready.add(target);
            } else if (unusable > 0) {
                if (resting == null) {
                    resting = new ArrayList<>(2);
                    restingFor = new ArrayList<>(2);
                }
                int at = 0;
                while (at < restingFor.size() && restingFor.get(at) <= unusable) {
                    at++;
                }
                resting.add(at, target);
                restingFor.add(at, unusable);
            }
        }
        if (resting != null) {
            int mayRest = targets.size() * maxEjectedPercent / 100;
            for (int i = 0; i < resting.size() - mayRest; i++) {
                ready.add(resting.get(i));
            }
        }
        if (!ready.isEmpty()) {
            return strategy.pick(ready, request);
        }
        return resting == null ? null : resting.get(0);
    }
}
