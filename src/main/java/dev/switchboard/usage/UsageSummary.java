package dev.switchboard.usage;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Usage rows folded into groups: counts, tokens, cost and latency percentiles per combination of the chosen
 * dimensions. Computed in Java from the rows' values, so it gives the same answer on H2 and PostgreSQL.
 */
final class UsageSummary {

    /** What a summary can group by. */
    enum Dimension {
        CALLER("caller", Sample::caller),
        TENANT("tenant", Sample::tenant),
        PROJECT("project", Sample::project),
        GROUP("group", Sample::group),
        PROVIDER("provider", Sample::provider),
        MODEL("model", Sample::model),
        STATUS("status", Sample::status);

        private final String key;
        private final Function<Sample, Object> value;

        Dimension(String key, Function<Sample, Object> value) {
            this.key = key;
            this.value = value;
        }

        String key() {
            return key;
        }

        /** Reads a {@code group_by} list such as {@code project,group}; empty means one group of everything. */
        static List<Dimension> parse(String groupBy) {
            List<Dimension> dimensions = new ArrayList<>();
            if (groupBy == null || groupBy.isBlank()) {
                return dimensions;
            }
            for (String part : groupBy.split(",")) {
                String name = part.strip().toLowerCase(Locale.ROOT);
                Dimension found = Arrays.stream(values()).filter(d -> d.key.equals(name)).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("'group_by' takes a comma-separated list of "
                                + Arrays.stream(values()).map(Dimension::key).toList() + "; got '"
                                + UsageFilter.printable(part.strip()) + "'"));
                if (!dimensions.contains(found)) {
                    dimensions.add(found);
                }
            }
            return dimensions;
        }
    }

    /** The values of one row a summary needs. */
    record Sample(String caller, String tenant, String project, String group, String provider, String model,
                  int status, String errorClass, long promptTokens, long completionTokens, long cachedTokens,
                  BigDecimal costUsd, Double ttftMs, double latencyMs, int attempts, boolean fallback) { }

    /** The metric columns of a summary, in order, after the group's dimensions. */
    static final List<String> METRICS = List.of("requests", "errors", "prompt_tokens", "completion_tokens",
            "cached_tokens", "cost_usd", "ttft_ms_p50", "ttft_ms_p90", "ttft_ms_p99", "latency_ms_p50",
            "latency_ms_p90", "latency_ms_p99", "attempts", "fallbacks");

    private final List<Dimension> groupBy;
    private final Map<List<Object>, Totals> groups = new HashMap<>();

    UsageSummary(List<Dimension> groupBy) {
        this.groupBy = List.copyOf(groupBy);
    }

    List<Dimension> groupBy() {
        return groupBy;
    }

    void add(Sample sample) {
        List<Object> key = new ArrayList<>(groupBy.size());
        for (Dimension dimension : groupBy) {
            key.add(dimension.value.apply(sample));
        }
        groups.computeIfAbsent(key, k -> new Totals()).add(sample);
    }

    /** One map per group, sorted by the group's values: the dimensions' values, then {@link #METRICS}. */
    List<Map<String, Object>> rows() {
        Comparator<List<Object>> byKey = (a, b) -> {
            for (int i = 0; i < a.size(); i++) {
                int c = Comparator.nullsFirst(Comparator.comparing(Object::toString)).compare(a.get(i), b.get(i));
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        };
        List<Map<String, Object>> rows = new ArrayList<>(groups.size());
        groups.entrySet().stream().sorted(Map.Entry.comparingByKey(byKey)).forEach(entry -> {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 0; i < groupBy.size(); i++) {
                row.put(groupBy.get(i).key(), entry.getKey().get(i));
            }
            entry.getValue().into(row);
            rows.add(row);
        });
        return rows;
    }

    /** What one group adds up to. */
    private static final class Totals {
        private long requests;
        private long errors;
        private long promptTokens;
        private long completionTokens;
        private long cachedTokens;
        private BigDecimal cost = BigDecimal.ZERO;
        private final LatencyDistribution ttft = new LatencyDistribution();
        private final LatencyDistribution latency = new LatencyDistribution();
        private long attempts;
        private long fallbacks;

        void add(Sample s) {
            requests++;
            if (s.errorClass() != null) {
                errors++;
            }
            promptTokens += s.promptTokens();
            completionTokens += s.completionTokens();
            cachedTokens += s.cachedTokens();
            cost = cost.add(Objects.requireNonNullElse(s.costUsd(), BigDecimal.ZERO));
            if (s.ttftMs() != null) {
                ttft.add(s.ttftMs());
            }
            latency.add(s.latencyMs());
            attempts += s.attempts();
            if (s.fallback()) {
                fallbacks++;
            }
        }

        void into(Map<String, Object> row) {
            row.put("requests", requests);
            row.put("errors", errors);
            row.put("prompt_tokens", promptTokens);
            row.put("completion_tokens", completionTokens);
            row.put("cached_tokens", cachedTokens);
            row.put("cost_usd", cost.setScale(UsageCost.SCALE, RoundingMode.HALF_UP));
            row.put("ttft_ms_p50", millis(ttft.percentile(50)));
            row.put("ttft_ms_p90", millis(ttft.percentile(90)));
            row.put("ttft_ms_p99", millis(ttft.percentile(99)));
            row.put("latency_ms_p50", millis(latency.percentile(50)));
            row.put("latency_ms_p90", millis(latency.percentile(90)));
            row.put("latency_ms_p99", millis(latency.percentile(99)));
            row.put("attempts", attempts);
            row.put("fallbacks", fallbacks);
        }

        private static Double millis(Double value) {
            return value == null ? null : Math.round(value * 1000) / 1000.0;
        }
    }
}
