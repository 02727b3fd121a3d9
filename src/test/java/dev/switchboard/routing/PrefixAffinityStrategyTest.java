package dev.switchboard.routing;

import dev.switchboard.dialect.Dialect;
import dev.switchboard.dialect.JsonBody;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The prefix-affinity strategy on its own: which target it picks for which prompt and load. */
class PrefixAffinityStrategyTest {

    private static final PromptPrefix.Settings SETTINGS = new PromptPrefix.Settings(2048, 64, 1024);

    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final InMemoryPrefixOwnership ownership = new InMemoryPrefixOwnership();
    private final List<Target> targets = List.of(target(0, "a"), target(1, "b"), target(2, "c"));
    private final PrefixIndex[] indexes = {new PrefixIndex(4096), new PrefixIndex(4096), new PrefixIndex(4096)};
    private final PrefixAffinityStrategy strategy = strategy("coder");

    private PrefixAffinityStrategy strategy(String group) {
        return new PrefixAffinityStrategy(group, targets, indexes, 1.5, ownership, registry);
    }

    private static Target target(int index, String provider) {
        Provider p = new Provider(provider, "http://127.0.0.1:1/v1", Dialect.OPENAI_CHAT,
                new Provider.UpstreamAuth(null, null), 1, Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofSeconds(1), Duration.ofSeconds(1));
        ModelRef m = new ModelRef("m", "m", new ModelRef.Prices(0, 0, 0, 0, 0), Set.of("text"),
                Map.of(Dialect.OPENAI_CHAT, Set.of(), Dialect.OPENAI_RESPONSES, Set.of(), Dialect.ANTHROPIC, Set.of()));
        return new Target(index, new Endpoint(p, m), 100, false);
    }

    private static RouteRequest request(String group, String system, int turns) {
        StringBuilder json = new StringBuilder("{\"messages\":[{\"role\":\"system\",\"content\":\"" + system + "\"}");
        for (int i = 0; i < turns; i++) {
            json.append(",{\"role\":\"user\",\"content\":\"Question ").append(i)
                    .append(": what does the function on line ").append(i * 7).append(" of the file do, exactly?\"}");
        }
        JsonBody body = JsonBody.parse(json.append("]}").toString().getBytes(StandardCharsets.UTF_8));
        return new RouteRequest(false, new PromptPrefix(body, Dialect.OPENAI_CHAT, "acme", group, SETTINGS));
    }

    private RouteRequest request(String system, int turns) {
        return request("coder", system, turns);
    }

    private double count(String result) {
        return registry.get("switchboard.prefix.affinity").tags("group", "coder", "result", result).counter().count();
    }

    private static void load(Target target, int requests) {
        for (int i = 0; i < requests; i++) {
            target.endpoint().acquire();
        }
    }

    @Test
    void sendsEveryTurnOfAGrowingConversationToTheSameTarget() {
        Target first = strategy.pick(targets, request("You review code.", 1));

        for (int turns = 2; turns <= 8; turns++) {
            assertSame(first, strategy.pick(targets, request("You review code.", turns)));
        }
        assertEquals(1, count("miss"));
        assertEquals(7, count("hit"));
    }

    @Test
    void spreadsDistinctSystemPromptsAndKeepsEachOnOneTargetBeforeAnyIndexKnowsIt() {
        Set<Target> used = new HashSet<>();
        for (int tenant = 0; tenant < 30; tenant++) {
            String system = "Team " + tenant + " assistant.";
            Target chosen = strategy.pick(targets, request(system, 1));
            // a fresh strategy with empty indexes chooses alike: the rendezvous hash alone decides
            PrefixIndex[] empty = {new PrefixIndex(16), new PrefixIndex(16), new PrefixIndex(16)};
            Target again = new PrefixAffinityStrategy("coder", targets, empty, 1.5,
                    new InMemoryPrefixOwnership(), new SimpleMeterRegistry()).pick(targets, request(system, 1));
            assertSame(chosen, again);
            used.add(chosen);
        }

        assertEquals(3, used.size());
    }

    @Test
    void sendsANewPrefixToTheLeastLoadedTarget() {
        load(targets.get(0), 3);
        load(targets.get(2), 1);

        assertSame(targets.get(1), strategy.pick(targets, request("Fresh prompt.", 1)));
    }

    @Test
    void staysOnTheHolderUnderModerateLoadButOverflowsWhenItIsOverloaded() {
        Target holder = strategy.pick(targets, request("You review code.", 1));
        load(holder, 2); // average 2/3: threshold 1.5 * 2/3 + 1 = 2

        assertSame(holder, strategy.pick(targets, request("You review code.", 2)));

        load(holder, 1); // 3 > 1.5 * 1 + 1
        Target elsewhere = strategy.pick(targets, request("You review code.", 3));
        assertNotSame(holder, elsewhere);
        assertEquals(1, count("overflow"));
    }

    @Test
    void prefersTheTargetHoldingTheLongerPrefix() {
        Target first = strategy.pick(targets, request("You review code.", 2));
        load(first, 4); // overloaded: turn 3 goes elsewhere, which now holds turns 1 to 3
        Target second = strategy.pick(targets, request("You review code.", 3));
        assertNotSame(first, second);
        first.endpoint().release();
        first.endpoint().release();
        first.endpoint().release();
        first.endpoint().release();

        assertSame(second, strategy.pick(targets, request("You review code.", 4)));
    }

    @Test
    void onlyPicksAmongTheEligibleTargets() {
        Target holder = strategy.pick(targets, request("You review code.", 1));
        List<Target> others = targets.stream().filter(t -> t != holder).toList();

        Target chosen = strategy.pick(others, request("You review code.", 2));

        assertTrue(others.contains(chosen));
    }

    @Test
    void asksOwnershipWhenNoIndexKnowsThePrefix() {
        RouteRequest request = request("Started on another replica.", 1);
        ownership.record("coder", request.prompt().key().value(), targets.get(2).id());

        assertSame(targets.get(2), strategy.pick(targets, request));
        assertEquals(1, count("hit"));
    }

    @Test
    void recordsEveryPickInOwnership() {
        RouteRequest request = request("You review code.", 1);

        Target chosen = strategy.pick(targets, request);

        assertEquals(Optional.of(chosen.id()), ownership.owner("coder", request.prompt().key().value()));
    }

    @Test
    void sharesEachTargetsIndexWithOtherGroupsButNotTheirPrefixes() {
        Target chosen = strategy.pick(targets, request("You review code.", 3));

        // the same text in another group hashes to other blocks: a new prefix there
        strategy("writer").pick(targets, request("writer", "You review code.", 3));

        assertEquals(0, registry.get("switchboard.prefix.affinity").tags("group", "writer", "result", "hit")
                .counter().count());
        assertSame(chosen, strategy.pick(targets, request("You review code.", 4)));
    }
}
