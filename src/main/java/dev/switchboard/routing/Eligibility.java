package dev.switchboard.routing;

import dev.switchboard.dialect.Dialect;
import dev.switchboard.dialect.translation.Translation;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Which targets can serve a request at all, health aside: one that speaks a dialect the request can be translated to
 * (its own, when something in it cannot be translated), and whose model claims, for the dialect the request will be
 * sent in, each capability the request uses: {@code tools}, {@code image} input, {@code structured_outputs}. A
 * {@code tool_only} target takes only requests that carry tools.
 */
final class Eligibility {

    private final List<Need> needs;

    private Eligibility(List<Need> needs) {
        this.needs = needs;
    }

    /** One thing a request needs of a target, and how a caller is told that no target offers it. */
    private record Need(String phrase, Predicate<Target> met) { }

    /** What {@code request} needs of a target. */
    static Eligibility of(RouteRequest request) {
        return new Eligibility(needs(request));
    }

    boolean fits(Target target) {
        for (Need need : needs) {
            if (!need.met().test(target)) {
                return false;
            }
        }
        return true;
    }

    /** Null when some target of {@code group} fits; else what none offers, for the caller. */
    String refusal(ModelGroup group) {
        for (Target target : group.targets()) {
            if (fits(target)) {
                return null;
            }
        }
        String prefix = "no target of model group '" + group.name() + "' ";
        for (Need need : needs) {
            if (group.targets().stream().noneMatch(need.met())) {
                return prefix + need.phrase();
            }
        }
        return prefix + String.join(" and ", needs.stream().map(Need::phrase).toList()) + " at once";
    }

    private static List<Need> needs(RouteRequest request) {
        Dialect caller = request.dialect();
        List<Need> needs = new ArrayList<>(4);
        if (request.ownDialectOnly() != null) {
            needs.add(new Need("speaks " + caller.wireName() + ", which " + request.ownDialectOnly() + " needs",
                    target -> target.provider().dialect() == caller));
        } else {
            needs.add(new Need("can serve " + caller.wireName() + " requests",
                    target -> Translation.exists(caller, target.provider().dialect())));
        }
        if (request.carriesTools()) {
            needs.add(new Need("accepts tools in requests",
                    target -> target.modelRef().supports(target.provider().dialect(), "tools")));
        } else {
            needs.add(new Need("serves requests without tools (its targets are tool_only)", target -> !target.toolOnly()));
        }
        if (request.imageCount() > 0) {
            needs.add(new Need("accepts image input", target -> target.modelRef().inputModalities().contains("image")));
        }
        if (request.structuredOutput()) {
            needs.add(new Need("supports structured outputs",
                    target -> target.modelRef().supports(target.provider().dialect(), "structured_outputs")));
        }
        return needs;
    }
}
