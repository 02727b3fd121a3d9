package dev.switchboard.loadtest.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The real suite: the driver's figures against one server, as one table and one chart. */
final class RealReport implements SuiteReport {

    @Override
    public Rendered render(RunFiles run) {
        ObjectNode derived = new ObjectMapper().createObjectNode();
        JsonNode point = run.points().get("real");
        if (point == null) {
            return new Rendered(derived, "No point was measured.\n", null, new ArrayList<>());
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("target", point.path("base_url").asText() + ", model " + point.path("model").asText()));
        rows.add(List.of("load", point.path("load").toString()));
        rows.add(List.of("requests ok / errors", point.path("requests").path("succeeded").asLong() + " / "
                + RunFiles.errors(point) + " " + point.path("errors")));
        rows.add(List.of("req/s", Md.num(RunFiles.at(point, "requests_per_second"), 2)));
        rows.add(List.of("output tok/s (aggregate)", Md.num(RunFiles.at(point, "output_tokens", "per_second"), 1)));
        for (String metric : new String[] {"ttft_ms", "itl_ms", "e2e_ms"}) {
            rows.add(List.of(metric.replace("_ms", "") + " p50 / p90 / p99 / max (ms)",
                    Md.ms(RunFiles.at(point, metric, "p50")) + " / " + Md.ms(RunFiles.at(point, metric, "p90")) + " / "
                            + Md.ms(RunFiles.at(point, metric, "p99")) + " / "
                            + Md.ms(RunFiles.at(point, metric, "max"))));
            derived.put(metric.replace("_ms", "") + "_p50_ms", RunFiles.at(point, metric, "p50"));
            derived.put(metric.replace("_ms", "") + "_p99_ms", RunFiles.at(point, metric, "p99"));
        }
        rows.add(List.of("tokens/s per request p50 / p10", Md.num(RunFiles.at(point, "tokens_per_second_per_request",
                "p50"), 1) + " / " + Md.num(RunFiles.at(point, "tokens_per_second_per_request", "p10"), 1)));
        rows.add(List.of("prompt tokens cached (from usage)", Md.pct(RunFiles.at(point, "prompt_tokens",
                "cached_share"))));
        JsonNode driver = RunFiles.process(point, "driver");
        rows.add(List.of("driver CPU (cores)", Md.num(RunFiles.at(driver, "cores_used"), 2)));
        derived.put("requests_per_second", RunFiles.at(point, "requests_per_second"));
        derived.put("tokens_per_second", RunFiles.at(point, "output_tokens", "per_second"));
        derived.put("errors", RunFiles.errors(point));
        Map<String, double[]> series = new LinkedHashMap<>();
        List<String> groups = List.of("TTFT", "ITL", "end to end");
        for (String p : new String[] {"p50", "p90", "p99"}) {
            series.put(p, new double[] {RunFiles.at(point, "ttft_ms", p), RunFiles.at(point, "itl_ms", p),
                RunFiles.at(point, "e2e_ms", p)});
        }
        String html = Svg.page("Switchboard load against " + point.path("base_url").asText(),
                "Streaming chat completions, " + point.path("load"),
                List.of(Svg.bars("Latency percentiles", "ms", groups, series)));
        return new Rendered(derived, Md.table(List.of("figure", "value"), rows), html, new ArrayList<>());
    }
}
