package dev.switchboard.routing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.List;
import java.util.Optional;

/**
 * Sends a request to the target most likely to hold its prompt's prefix in its KV cache, so the server skips
 * recomputing it: the time to first token of a long shared prefix drops from prefill time to near nothing. Choose it
 * for conversations and agents that resend a growing history, and for tenants with long system prompts; prefer
 * {@code least-loaded} when prompts share little, since affinity deliberately lets load run unevenly.
 *
 * <p>Each target has a {@link PrefixIndex} of the {@link BlockChain} hashes recently sent to it. A pick, in order:
 * <ol>
 *   <li><b>hit</b>: the eligible target holding the most leading blocks of the prompt, ties to the lower load;</li>
 *   <li>no target holds any: the target {@link PrefixOwnership} names for the prefix key, if eligible (a hit too);</li>
 *   <li><b>miss</b>: otherwise the least-loaded target, ties broken by weighted rendezvous hashing on the first
 *       block's hash, so distinct system prompts spread over the servers and each keeps landing on the same one
 *       even before any index knows it;</li>
 *   <li><b>overflow</b>: when the target of 1 or 2 has more requests in flight than the eligible targets' average
 *       times {@code switchboard.routing.overload_factor}, plus 1 (so light load never flip-flops), the least-loaded
 *       of the others takes the request instead.</li>
 * </ol>
 * The request's blocks are then recorded in the chosen target's index and its key in {@link PrefixOwnership}.
 * Outcomes are counted in {@code switchboard.prefix.affinity} by group and result.
 *
 * <p>No locks: indexes and load counters are read racily, which at worst costs one request its affinity.
 */
final class PrefixAffinityStrategy implements Strategy {

    private final String group;
    private final PrefixIndex[] indexes;
    private final long[] targetSeeds;
    private final double overloadFactor;
    private final PrefixOwnership ownership;
    private final Counter hits;
    private final Counter misses;
    private final Counter overflows;

    /**
     * @param indexes each target's index, by {@link Target#index()}; shared with other groups naming the same endpoint
     */
    PrefixAffinityStrategy(String group, List<Target> targets, PrefixIndex[] indexes, double overloadFactor,
                           PrefixOwnership ownership, MeterRegistry registry) {
        this.group = group;
        this.indexes = indexes.clone();
        this.targetSeeds = new long[targets.size()];
        for (Target target : targets) {
            targetSeeds[target.index()] = BlockChain.seed(target.id());
        }
        this.overloadFactor = overloadFactor;
        this.ownership = ownership;
        this.hits = counter(registry, group, "hit");
        this.misses = counter(registry, group, "miss");
        this.overflows = counter(registry, group, "overflow");
    }

    private static Counter counter(MeterRegistry registry, String group, String result) {
        return Counter.builder("switchboard.prefix.affinity")
                .description("prefix-affinity picks: hit (sent where the prefix is held), miss (a prefix new to every"
                        + " target), overflow (the holder was overloaded)")
                .tags("group", group, "result", result).register(registry);
    }

    @Override
    public boolean needsPrompt() {
        return true;
    }

    @Override
    public Target pick(List<Target> eligible, RouteRequest request) {
        PromptPrefix prompt = request.prompt();
        long[] blocks = prompt.blocks();
        long spread = prompt.firstBlock();
        int totalLoad = 0;
        Target holder = null;
        int held = 0;
        for (Target target : eligible) {
            totalLoad += target.endpoint().inFlight();
            int matched = indexes[target.index()].matched(blocks);
            if (matched > held || (matched == held && holder != null && before(target, holder, spread))) {
                holder = target;
                held = matched;
            }
        }
        if (holder == null) {
            holder = owner(eligible, prompt);
        }
        Target chosen;
        Counter outcome;
        if (holder == null) {
            chosen = leastLoaded(eligible, null, spread);
            outcome = misses;
        } else if (eligible.size() > 1
                && holder.endpoint().inFlight() > overloadFactor * totalLoad / eligible.size() + 1) {
            chosen = leastLoaded(eligible, holder, spread);
            outcome = overflows;
        } else {
            chosen = holder;
            outcome = hits;
        }
        indexes[chosen.index()].record(blocks);
        ownership.record(group, prompt.key().value(), chosen.id());
        outcome.increment();
        return chosen;
    }

    /** The eligible target ownership names for the prompt's key, or null. */
    private Target owner(List<Target> eligible, PromptPrefix prompt) {
        Optional<String> owner = ownership.owner(group, prompt.key().value());
        if (owner.isPresent()) {
            for (Target target : eligible) {
                if (target.id().equals(owner.get())) {
                    return target;
                }
            }
        }
        return null;
    }

    /** The least-loaded target other than {@code except}, ties to the higher rendezvous score. */
    private Target leastLoaded(List<Target> eligible, Target except, long spread) {
        Target best = null;
        for (Target target : eligible) {
            if (target != except && (best == null || before(target, best, spread))) {
                best = target;
            }
        }
        return best;
    }

    /** Whether {@code a} ranks before {@code b}: lower load, then higher rendezvous score. */
    private boolean before(Target a, Target b, long spread) {
        int loadA = a.endpoint().inFlight();
        int loadB = b.endpoint().inFlight();
        return loadA != loadB ? loadA < loadB : score(a, spread) > score(b, spread);
    }

    /**
     * Weighted rendezvous (highest random weight) score of {@code target} for a prefix: {@code -weight / ln(u)} with
     * {@code u} uniform in (0, 1) from the pair's hash, so each target wins its weight's share of prefixes and a
     * prefix's winner changes only when a target leaves or joins.
     */
    private double score(Target target, long spread) {
        long hash = BlockChain.finish(spread ^ targetSeeds[target.index()]);
        double u = ((hash >>> 11) + 0.5) * 0x1.0p-53;
        return -target.weight() / Math.log(u);
    }
}
