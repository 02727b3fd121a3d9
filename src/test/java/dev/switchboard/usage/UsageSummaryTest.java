package dev.switchboard.usage;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Grouping, totals and percentiles of usage summaries. */
class UsageSummaryTest {

    private static UsageSummary.Sample sample(String project, String group, int status, String error,
                                              Double ttft, double latency, int attempts) {
        return new UsageSummary.Sample("c", "t", project, group, "p", "m", status, error, 10, 20, 5,
                new BigDecimal("0.0000010000"), ttft, latency, attempts, attempts > 1);
    }

    @Test
    void groupsByTheChosenDimensionsAndAddsUpEachGroup() {
        UsageSummary summary = new UsageSummary(UsageSummary.Dimension.parse("project,group"));
        summary.add(sample("ranking", "chat", 200, null, 10.0, 100, 1));
        summary.add(sample("ranking", "chat", 502, "connect_error", null, 40, 2));
        summary.add(sample("ranking", "coder", 200, null, 20.0, 200, 1));
        summary.add(sample("search", "chat", 200, null, 30.0, 300, 1));

        List<Map<String, Object>> rows = summary.rows();

        assertEquals(3, rows.size());
        Map<String, Object> chat = rows.get(0);
        assertEquals(List.of("project", "group", "requests", "errors", "prompt_tokens", "completion_tokens",
                "cached_tokens", "cost_usd", "ttft_ms_p50", "ttft_ms_p90", "ttft_ms_p99", "latency_ms_p50",
                "latency_ms_p90", "latency_ms_p99", "attempts", "fallbacks"), List.copyOf(chat.keySet()));
        assertEquals("ranking", chat.get("project"));
        assertEquals("chat", chat.get("group"));
        assertEquals(2L, chat.get("requests"));
        assertEquals(1L, chat.get("errors"));
        assertEquals(20L, chat.get("prompt_tokens"));
        assertEquals(40L, chat.get("completion_tokens"));
        assertEquals(new BigDecimal("0.0000020000"), chat.get("cost_usd"));
        assertEquals(3L, chat.get("attempts"));
        assertEquals(1L, chat.get("fallbacks"));
        assertEquals(10.0, chat.get("ttft_ms_p50"), "a request without a first token has no ttft");
        assertEquals(List.of("coder", "chat"), List.of(rows.get(1).get("group"), rows.get(2).get("group")));
        assertEquals("search", rows.get(2).get("project"));
    }

    @Test
    void withoutGroupByEverythingIsOneGroup() {
        UsageSummary summary = new UsageSummary(UsageSummary.Dimension.parse(""));
        summary.add(sample("a", "x", 200, null, 1.0, 1, 1));
        summary.add(sample("b", "y", 200, null, 1.0, 1, 1));

        assertEquals(1, summary.rows().size());
        assertEquals(2L, summary.rows().get(0).get("requests"));
    }

    @Test
    void percentilesAreNearestRankOverTheGroupsLatencies() {
        UsageSummary summary = new UsageSummary(List.of());
        for (int ms = 100; ms >= 1; ms--) { // added out of order on purpose
            summary.add(sample("p", "g", 200, null, ms / 10.0, ms, 1));
        }

        Map<String, Object> all = summary.rows().get(0);

        assertEquals(50.0, all.get("latency_ms_p50"));
        assertEquals(90.0, all.get("latency_ms_p90"));
        assertEquals(99.0, all.get("latency_ms_p99"));
        assertEquals(5.0, all.get("ttft_ms_p50"));
        assertEquals(9.9, all.get("ttft_ms_p99"));
    }

    @Test
    void aGroupWithoutStreamsHasNoTtftPercentiles() {
        UsageSummary summary = new UsageSummary(List.of());
        summary.add(sample("p", "g", 200, null, null, 12.5, 1));

        Map<String, Object> all = summary.rows().get(0);

        assertNull(all.get("ttft_ms_p50"));
        assertEquals(12.5, all.get("latency_ms_p99"));
    }

    @Test
    void largeGroupsMoveToAHistogramAndStayWithinItsPrecision() {
        LatencyDistribution distribution = new LatencyDistribution();
        int n = LatencyDistribution.EXACT_LIMIT * 2;
        for (int i = 1; i <= n; i++) {
            distribution.add(i * 0.01); // 0.01 ms .. 2000 ms, evenly
        }

        double p50 = distribution.percentile(50);
        double p99 = distribution.percentile(99);

        assertEquals(1000.0, p50, 1000.0 * 0.001);
        assertEquals(1980.0, p99, 1980.0 * 0.001);
    }

    @Test
    void refusesAnUnknownDimensionNamingTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> UsageSummary.Dimension.parse("project,colour"));

        assertTrue(e.getMessage().contains("colour") && e.getMessage().contains("tenant"), e.getMessage());
    }
}
