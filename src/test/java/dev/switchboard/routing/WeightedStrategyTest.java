package dev.switchboard.routing;

import dev.switchboard.dialect.Dialect;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WeightedStrategyTest {

    private static Target target(int index, String provider, int weight) {
        Provider p = new Provider(provider, "http://127.0.0.1:1/v1", Dialect.OPENAI_CHAT,
                new Provider.UpstreamAuth(null, null), 1, Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofSeconds(1), Duration.ofSeconds(1));
        ModelRef m = new ModelRef("m", "m", new ModelRef.Prices(0, 0, 0, 0, 0), Set.of("text"),
                Map.of(Dialect.OPENAI_CHAT, Set.of(), Dialect.OPENAI_RESPONSES, Set.of(), Dialect.ANTHROPIC, Set.of()));
        return new Target(index, new Endpoint(p, m), weight, false);
    }

    private static String picks(Strategy strategy, List<Target> targets, int count) {
        StringBuilder order = new StringBuilder();
        for (int i = 0; i < count; i++) {
            order.append(strategy.pick(targets, new RouteRequest(false)).provider().name());
        }
        return order.toString();
    }

    @Test
    void interleavesByWeightRatherThanBursting() {
        List<Target> targets = List.of(target(0, "a", 3), target(1, "b", 1));

        assertEquals("aabaaaba", picks(new WeightedStrategy(2), targets, 8));
    }

    @Test
    void spreadsFiveToOneToOneLikeNginx() {
        List<Target> targets = List.of(target(0, "a", 5), target(1, "b", 1), target(2, "c", 1));

        assertEquals("aabacaa", picks(new WeightedStrategy(3), targets, 7));
    }

    @Test
    void keepsProportionsAmongTheTargetsStillEligible() {
        Target a = target(0, "a", 1);
        Target b = target(1, "b", 2);
        Target c = target(2, "c", 1);
        WeightedStrategy strategy = new WeightedStrategy(3);
        picks(strategy, List.of(a, b, c), 5);

        String withoutB = picks(strategy, new ArrayList<>(List.of(a, c)), 40);

        assertEquals(20, withoutB.chars().filter(ch -> ch == 'a').count());
        assertEquals(20, withoutB.chars().filter(ch -> ch == 'c').count());
    }
}
