package dev.switchboard.loadtest.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The prefix suite: per routing strategy, the servers' prefix-cache hit rate (cached over queried prompt tokens,
 * from the deltas of {@code vllm:prefix_cache_hits_total} and {@code vllm:prefix_cache_queries_total} summed over
 * the servers), time to first token, and how evenly the servers were loaded (busiest over idlest server's
 * {@code vllm:request_success_total} delta).
 */
final class PrefixReport implements SuiteReport {

    @Override
    public Rendered render(RunFiles run) {
        List<String> strategies = new ArrayList<>(run.metaList("strategies", "weighted least-loaded prefix-affinity"));
        if (run.points().containsKey("reference")) {
            strategies.add("reference");
        }
        ObjectNode derived = new ObjectMapper().createObjectNode();
        List<List<String>> rows = new ArrayList<>();
        List<String> measured = new ArrayList<>();
        List<Double> p50 = new ArrayList<>();
        List<Double> p90 = new ArrayList<>();
        List<Double> p99 = new ArrayList<>();
        List<Double> hitRates = new ArrayList<>();
        for (String strategy : strategies) {
            JsonNode point = run.points().get(strategy);
            if (point == null) {
                rows.add(List.of(strategy, "skipped: " + run.meta("skipped." + strategy, "not measured"), "", "", "",
                        "", "", "", ""));
                continue;
            }
            double hits = RunFiles.metricSum(point, "vllm:prefix_cache_hits_total");
            double queries = RunFiles.metricSum(point, "vllm:prefix_cache_queries_total");
            double hitRate = queries > 0 ? hits / queries : Double.NaN;
            ObjectNode node = derived.putObject(strategy);
            node.put("cache_hit_rate", hitRate);
            node.put("cached_prompt_tokens", hits);
            node.put("queried_prompt_tokens", queries);
            ArrayNode perServer = node.putArray("requests_per_server");
            double busiest = 0;
            double idlest = Double.MAX_VALUE;
            for (JsonNode endpoint : point.path("upstream_metrics")) {
                double served = RunFiles.metric(endpoint, "vllm:request_success_total");
                perServer.add(served);
                busiest = Math.max(busiest, served);
                idlest = Math.min(idlest, served);
            }
            double spread = perServer.isEmpty() ? Double.NaN : idlest == 0 ? Double.POSITIVE_INFINITY
                    : busiest / idlest;
            node.put("load_spread", spread);
            for (String p : new String[] {"p50", "p90", "p99"}) {
                node.put("ttft_" + p + "_ms", RunFiles.at(point, "ttft_ms", p));
            }
            node.put("requests_per_second", RunFiles.at(point, "requests_per_second"));
            node.put("client_cached_share", RunFiles.at(point, "prompt_tokens", "cached_share"));
            node.put("errors", RunFiles.errors(point));
            rows.add(List.of(strategy, Md.pct(hitRate), Md.ms(RunFiles.at(point, "ttft_ms", "p50")),
                    Md.ms(RunFiles.at(point, "ttft_ms", "p90")), Md.ms(RunFiles.at(point, "ttft_ms", "p99")),
                    Double.isInfinite(spread) ? "∞ (a server got none)" : Md.num(spread, 2),
                    perServer.toString().replace(".0", ""),
                    Md.num(RunFiles.at(point, "requests_per_second"), 1),
                    Long.toString(RunFiles.errors(point))));
            measured.add(strategy);
            p50.add(RunFiles.at(point, "ttft_ms", "p50"));
            p90.add(RunFiles.at(point, "ttft_ms", "p90"));
            p99.add(RunFiles.at(point, "ttft_ms", "p99"));
            hitRates.add(hitRate * 100);
        }
        StringBuilder md = new StringBuilder();
        md.append("Setup: ").append(run.meta("simulator", "?")).append(". Workload: ")
                .append(run.meta("workload", "?")).append("; closed loop at concurrency ")
                .append(run.meta("concurrency", "?")).append(", ").append(run.meta("duration_seconds", "?"))
                .append(" s per strategy after ").append(run.meta("warmup_seconds", "?"))
                .append(" s warm-up; a fresh router and fresh servers per strategy.\n\n");
        md.append(Md.table(List.of("strategy", "cache hit rate", "TTFT p50 (ms)", "TTFT p90 (ms)", "TTFT p99 (ms)",
                "load spread (busiest / idlest)", "requests per server", "req/s", "errors"), rows));
        md.append("\nCache hit rate: prompt tokens the servers found in their prefix cache over all prompt tokens they "
                + "were asked for, in the measured window.");
        if (run.points().containsKey("reference")) {
            md.append(" The reference row is the workload's ceiling: the same load straight to one simulated server"
                    + " whose cache never evicts (the simulator does not slow down with load, so one server can take"
                    + " it all; no router, so its TTFT lacks the router's own time).");
        }
        md.append('\n');

        Map<String, double[]> ttft = new LinkedHashMap<>();
        ttft.put("p50", p50.stream().mapToDouble(Double::doubleValue).toArray());
        ttft.put("p90", p90.stream().mapToDouble(Double::doubleValue).toArray());
        ttft.put("p99", p99.stream().mapToDouble(Double::doubleValue).toArray());
        Map<String, double[]> hit = new LinkedHashMap<>();
        hit.put("cache hit rate", hitRates.stream().mapToDouble(Double::doubleValue).toArray());
        String html = Svg.page("Switchboard prefix reuse by strategy — " + run.meta("started_at", ""),
                run.meta("simulator", "") + ". " + run.meta("workload", ""),
                List.of(Svg.bars("Time to first token by strategy", "ms", measured, ttft),
                        Svg.bars("Prefix-cache hit rate by strategy", "%", measured, hit)));
        return new Rendered(derived, md.toString(), html, new ArrayList<>());
    }
}
