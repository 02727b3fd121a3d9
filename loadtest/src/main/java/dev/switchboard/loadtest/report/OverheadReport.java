package dev.switchboard.loadtest.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;


/**
 * The overhead suite (and smoke, its short form): per concurrency, time to first token straight to the simulated
 * server, through nginx and through the router, the router's added time (a difference of percentiles: requests
 * cannot be paired across runs), throughput, errors and what each process used. Checks the performance budget of
 * DESIGN.md at 64 streams.
 */
final class OverheadReport implements SuiteReport {

    /** DESIGN.md's floor and aim for added time to first token at 64 streams, in ms, and the relayed token share. */
    static final double BUDGET_P50 = 1.0;
    static final double BUDGET_P99 = 5.0;
    static final double BUDGET_TOKENS = 0.95;
    static final double AIM_P50 = 0.3;
    static final double AIM_P99 = 1.0;
    static final double AIM_VS_NGINX_P50 = 0.2;
    private static final String[] PERCENTILES = {"p50", "p90", "p99"};

    private final boolean smoke;

    OverheadReport(boolean smoke) {
        this.smoke = smoke;
    }

    @Override
    public Rendered render(RunFiles run) {
        List<String> concurrency = run.metaList("concurrency", "1 16 64 256");
        List<String> targets = run.metaList("targets", "direct nginx router");
        ObjectNode derived = new ObjectMapper().createObjectNode();
        List<String> failures = new ArrayList<>();
        List<List<String>> ttftRows = new ArrayList<>();
        List<List<String>> addedRows = new ArrayList<>();
        List<List<String>> throughputRows = new ArrayList<>();
        List<List<String>> resourceRows = new ArrayList<>();
        Map<String, Map<String, double[]>> ttftSeries = new LinkedHashMap<>();
        for (String p : PERCENTILES) {
            Map<String, double[]> byTarget = new LinkedHashMap<>();
            for (String t : targets) {
                byTarget.put(t, new double[concurrency.size()]);
            }
            ttftSeries.put(p, byTarget);
        }
        Map<String, double[]> added = new LinkedHashMap<>();
        added.put("router p50", new double[concurrency.size()]);
        added.put("router p99", new double[concurrency.size()]);
        if (targets.contains("nginx")) {
            added.put("nginx p50", new double[concurrency.size()]);
            added.put("nginx p99", new double[concurrency.size()]);
        }

        for (int i = 0; i < concurrency.size(); i++) {
            String c = concurrency.get(i);
            ObjectNode row = derived.putObject("c" + c);
            JsonNode direct = point(run, "direct", c);
            JsonNode nginx = point(run, "nginx", c);
            JsonNode router = point(run, "router", c);
            for (String t : targets) {
                JsonNode point = point(run, t, c);
                if (point == null) {
                    failures.add("point " + t + " c=" + c + " is missing");
                    continue;
                }
                long ok = point.path("requests").path("succeeded").asLong();
                long errors = RunFiles.errors(point);
                if (smoke && (errors > 0 || ok == 0 || point.path("ttft_ms").path("count").asLong() == 0)) {
                    failures.add(t + " c=" + c + ": " + ok + " ok, " + errors + " errors " + point.path("errors"));
                }
                ObjectNode node = row.putObject(t);
                for (String p : PERCENTILES) {
                    double v = at(point, "ttft_ms", p);
                    node.put("ttft_" + p + "_ms", v);
                    ttftSeries.get(p).get(t)[i] = v;
                }
                node.put("itl_p50_ms", at(point, "itl_ms", "p50"));
                node.put("itl_p99_ms", at(point, "itl_ms", "p99"));
                node.put("requests_per_second", at(point, "requests_per_second"));
                node.put("tokens_per_second", at(point, "output_tokens", "per_second"));
                node.put("errors", errors);
                node.put("succeeded", ok);
            }
            double[] routerAdded = new double[3];
            double[] nginxAdded = new double[3];
            for (int p = 0; p < 3; p++) {
                routerAdded[p] = diff(router, direct, PERCENTILES[p]);
                nginxAdded[p] = diff(nginx, direct, PERCENTILES[p]);
                row.put("router_added_ttft_" + PERCENTILES[p] + "_ms", routerAdded[p]);
                row.put("nginx_added_ttft_" + PERCENTILES[p] + "_ms", nginxAdded[p]);
            }
            double routerVsNginx = diff(router, nginx, "p50");
            double tokenRatio = ratio(router, direct);
            double nginxTokenRatio = ratio(nginx, direct);
            row.put("router_minus_nginx_ttft_p50_ms", routerVsNginx);
            row.put("router_tokens_per_second_ratio", tokenRatio);
            row.put("nginx_tokens_per_second_ratio", nginxTokenRatio);
            added.get("router p50")[i] = routerAdded[0];
            added.get("router p99")[i] = routerAdded[2];
            if (added.containsKey("nginx p50")) {
                added.get("nginx p50")[i] = nginxAdded[0];
                added.get("nginx p99")[i] = nginxAdded[2];
            }

            ttftRows.add(List.of(c, triple(direct, "ttft_ms"), triple(nginx, "ttft_ms"), triple(router, "ttft_ms"),
                    pair(direct, "itl_ms"), pair(router, "itl_ms")));
            addedRows.add(List.of(c, Md.delta(routerAdded[0]), Md.delta(routerAdded[1]), Md.delta(routerAdded[2]),
                    Md.delta(nginxAdded[0]), Md.delta(nginxAdded[1]), Md.delta(nginxAdded[2]),
                    Md.delta(routerVsNginx)));
            throughputRows.add(List.of(c, Md.num(at(direct, "requests_per_second"), 1),
                    Md.num(at(nginx, "requests_per_second"), 1), Md.num(at(router, "requests_per_second"), 1),
                    Md.num(at(direct, "output_tokens", "per_second"), 0),
                    Md.num(at(nginx, "output_tokens", "per_second"), 0),
                    Md.num(at(router, "output_tokens", "per_second"), 0), Md.pct(tokenRatio),
                    errors(direct) + " / " + errors(nginx) + " / " + errors(router)));
            JsonNode routerProc = router == null ? null : RunFiles.process(router, "router");
            JsonNode nginxProc = nginx == null ? null : RunFiles.process(nginx, "nginx");
            resourceRows.add(List.of(c, cores(routerProc), router == null ? "–" : Md.mib(at(routerProc, "rss_kb_max")),
                    cores(nginxProc), cores(router == null ? null : RunFiles.process(router, "sim")),
                    cores(direct == null ? null : RunFiles.process(direct, "driver")),
                    cores(router == null ? null : RunFiles.process(router, "driver"))));
            if (routerProc != null) {
                row.put("router_cores", at(routerProc, "cores_used"));
                row.put("router_rss_mib_max", at(routerProc, "rss_kb_max") / 1024);
            }
        }

        StringBuilder md = new StringBuilder();
        md.append("Setup: ").append(run.meta("simulator", "?")).append("; prompt ")
                .append(run.meta("prompt_tokens", "?")).append(" tokens, max_tokens ")
                .append(run.meta("max_tokens", "?")).append("; closed loop, ").append(run.meta("point_seconds", "?"))
                .append(" s per point after ").append(run.meta("warmup_seconds", "?"))
                .append(" s warm-up; targets ").append(String.join(", ", targets)).append(".\n\n");
        md.append(budget(run, derived));
        md.append("## Added time to first token (ms, percentile differences against direct)\n\n");
        md.append(Md.table(List.of("concurrency", "router p50", "router p90", "router p99", "nginx p50",
                "nginx p90", "nginx p99", "router − nginx p50"), addedRows));
        md.append("\n## Time to first token and inter-token latency (ms)\n\n");
        md.append(Md.table(List.of("concurrency", "direct TTFT p50 / p90 / p99", "nginx TTFT p50 / p90 / p99",
                "router TTFT p50 / p90 / p99", "direct ITL p50 / p99", "router ITL p50 / p99"), ttftRows));
        md.append("\n## Throughput and errors\n\n");
        md.append(Md.table(List.of("concurrency", "direct req/s", "nginx req/s", "router req/s", "direct tok/s",
                "nginx tok/s", "router tok/s", "router / direct tok/s", "errors d / n / r"), throughputRows));
        md.append("\n## CPU (cores used, of ").append(run.meta("cores", "?"))
                .append(") and memory, during each point\n\n");
        md.append(Md.table(List.of("concurrency", "router CPU", "router RSS max (MiB)", "nginx CPU",
                "simulator CPU (router point)", "driver CPU (direct point)", "driver CPU (router point)"),
                resourceRows));

        List<String> x = concurrency.stream().map(c -> "c=" + c).toList();
        List<String> charts = new ArrayList<>();
        for (String p : PERCENTILES) {
            charts.add(Svg.lines("Time to first token " + p, "ms", x, ttftSeries.get(p)));
        }
        charts.add(Svg.bars("Added time to first token vs direct", "ms", x, added));
        String html = Svg.page("Switchboard overhead — " + run.meta("started_at", ""),
                "Closed-loop streaming load at each concurrency, straight to one simulated vLLM server (direct), "
                        + "through nginx, and through the router. " + run.meta("simulator", ""), charts);
        return new Rendered(derived, md.toString(), html, failures);
    }

    private String budget(RunFiles run, ObjectNode derived) {
        JsonNode at64 = derived.path("c64");
        if (at64.isMissingNode() || !at64.has("router")) {
            return "";
        }
        double p50 = at64.path("router_added_ttft_p50_ms").asDouble(Double.NaN);
        double p99 = at64.path("router_added_ttft_p99_ms").asDouble(Double.NaN);
        double tokens = at64.path("router_tokens_per_second_ratio").asDouble(Double.NaN);
        double vsNginx = at64.path("router_minus_nginx_ttft_p50_ms").asDouble(Double.NaN);
        ObjectNode verdict = derived.putObject("budget_at_64");
        verdict.put("added_ttft_p50_ms", p50);
        verdict.put("added_ttft_p99_ms", p99);
        verdict.put("tokens_per_second_ratio", tokens);
        verdict.put("floor_met", p50 <= BUDGET_P50 && p99 <= BUDGET_P99 && tokens >= BUDGET_TOKENS);
        verdict.put("aim_met", p50 <= AIM_P50 && p99 <= AIM_P99 && (Double.isNaN(vsNginx) || vsNginx <= AIM_VS_NGINX_P50));
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("added TTFT p50", Md.delta(p50) + " ms", "≤ " + BUDGET_P50 + " ms", Md.check(p50 <= BUDGET_P50),
                "≤ " + AIM_P50 + " ms", Md.check(p50 <= AIM_P50)));
        rows.add(List.of("added TTFT p99", Md.delta(p99) + " ms", "≤ " + BUDGET_P99 + " ms", Md.check(p99 <= BUDGET_P99),
                "≤ " + AIM_P99 + " ms", Md.check(p99 <= AIM_P99)));
        rows.add(List.of("tokens/s, router / direct", Md.pct(tokens), "≥ 95%", Md.check(tokens >= BUDGET_TOKENS), "–",
                "–"));
        rows.add(List.of("router − nginx TTFT p50", Md.delta(vsNginx) + " ms", "–", "–", "≤ " + AIM_VS_NGINX_P50 + " ms",
                Double.isNaN(vsNginx) ? "–" : Md.check(vsNginx <= AIM_VS_NGINX_P50)));
        return "## Budget at 64 concurrent streams (DESIGN.md)\n\n"
                + Md.table(List.of("figure", "measured", "floor", "floor", "aim", "aim"), rows) + "\n";
    }

    private static JsonNode point(RunFiles run, String target, String c) {
        return run.points().get(target + "-c" + c);
    }

    private static double diff(JsonNode a, JsonNode b, String percentile) {
        if (a == null || b == null) {
            return Double.NaN;
        }
        return at(a, "ttft_ms", percentile) - at(b, "ttft_ms", percentile);
    }

    private static double ratio(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return Double.NaN;
        }
        return at(a, "output_tokens", "per_second") / at(b, "output_tokens", "per_second");
    }

    private static String triple(JsonNode point, String field) {
        if (point == null) {
            return "–";
        }
        return Md.ms(at(point, field, "p50")) + " / " + Md.ms(at(point, field, "p90")) + " / "
                + Md.ms(at(point, field, "p99"));
    }

    private static String pair(JsonNode point, String field) {
        if (point == null) {
            return "–";
        }
        return Md.ms(at(point, field, "p50")) + " / " + Md.ms(at(point, field, "p99"));
    }

    private static String errors(JsonNode point) {
        return point == null ? "–" : Long.toString(RunFiles.errors(point));
    }

    private static String cores(JsonNode process) {
        return process == null || process.isMissingNode() ? "–" : Md.num(at(process, "cores_used"), 2);
    }

    static double at(JsonNode node, String... path) {
        return node == null ? Double.NaN : RunFiles.at(node, path);
    }
}
