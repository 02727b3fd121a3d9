package dev.switchboard.loadtest.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The overhead suite (and smoke, its short form): DESIGN.md's performance budget first ({@link Budget}), then per
 * upstream profile and concurrency the time to first token straight to the simulated server, through nginx and
 * through the router, the added time (a difference of percentiles: requests cannot be paired across runs),
 * throughput, errors and what each process used, then the cold point and start to ready ({@link StartupTables}).
 * Smoke fails unless every point completed requests without error and every measurement produced a figure; the
 * overhead suite fails only on a missed floor, and only with {@code BUDGET_STRICT=1}.
 */
final class OverheadReport implements SuiteReport {

    private static final String[] PERCENTILES = {"p50", "p90", "p99"};

    private final boolean smoke;

    OverheadReport(boolean smoke) {
        this.smoke = smoke;
    }

    @Override
    public Rendered render(RunFiles run) {
        List<String> profiles = run.metaList("profiles", "paced");
        List<String> concurrency = run.metaList("concurrency", "1 16 64");
        List<String> targets = run.metaList("targets", "direct nginx router");
        ObjectNode derived = new ObjectMapper().createObjectNode();
        List<String> failures = new ArrayList<>();

        List<Budget.Row> budget = Budget.rows(run);
        derived.set("budget", Budget.json(budget));
        List<String> missed = Budget.floorsMissed(budget);
        derived.put("budget_floors_met", missed.isEmpty());
        derived.put("budget_aims_met", Budget.aimsMet(budget));
        derived.put("budget_rows_not_measured", Budget.notMeasured(budget));
        if (run.meta("budget_strict", "0").equals("1")) {
            failures.addAll(missed);
        }

        StringBuilder md = new StringBuilder();
        md.append("Setup: ").append(run.meta("simulator", "?")).append("; profiles ").append(String.join(", ",
                profiles.stream().map(p -> p + " (" + run.meta("profile." + p, "?") + ")").toList()));
        md.append("; prompt ").append(run.meta("prompt_tokens", "?")).append(" tokens, max_tokens ")
                .append(run.meta("max_tokens", "?")).append("; closed loop, ").append(run.meta("point_seconds", "?"))
                .append(" s per point after ").append(run.meta("warmup_seconds", "?"))
                .append(" s warm-up; targets ").append(String.join(", ", targets)).append(". Router: ")
                .append(run.meta("router_access", "?")).append(", usage rows and metrics on, JVM options ")
                .append(run.meta("router_java_opts", "none")).append(", AOT cache ")
                .append(run.meta("router_aot_cache", "none")).append(".\n\n");
        md.append("## Budget (DESIGN.md)\n\n").append(Budget.markdown(budget)).append('\n');

        List<String> charts = new ArrayList<>();
        ObjectNode byProfile = derived.putObject("profiles");
        for (String profile : profiles) {
            md.append(profileTables(run, profile, concurrency, targets, byProfile.putObject(profile), failures,
                    charts));
        }
        md.append(StartupTables.render(run, derived, failures, smoke));

        String html = Svg.page("Switchboard overhead — " + run.meta("started_at", ""),
                "Closed-loop streaming load at each concurrency, straight to a simulated vLLM server (direct), "
                        + "through nginx, and through the router, per upstream profile. " + run.meta("simulator", ""),
                charts);
        return new Rendered(derived, md.toString(), html, failures);
    }

    private String profileTables(RunFiles run, String profile, List<String> concurrency, List<String> targets,
            ObjectNode derived, List<String> failures, List<String> charts) {
        List<List<String>> ttftRows = new ArrayList<>();
        List<List<String>> addedRows = new ArrayList<>();
        List<List<String>> throughputRows = new ArrayList<>();
        List<List<String>> resourceRows = new ArrayList<>();
        Map<String, Map<String, double[]>> ttftSeries = new LinkedHashMap<>();
        for (String p : new String[] {"p50", "p99"}) {
            Map<String, double[]> byTarget = new LinkedHashMap<>();
            for (String t : targets) {
                byTarget.put(t, new double[concurrency.size()]);
            }
            ttftSeries.put(p, byTarget);
        }
        Map<String, double[]> added = new LinkedHashMap<>();
        for (String series : targets.contains("nginx") ? List.of("router p50", "router p99", "nginx p50",
                "nginx p99") : List.of("router p50", "router p99")) {
            added.put(series, new double[concurrency.size()]);
        }

        for (int i = 0; i < concurrency.size(); i++) {
            String c = concurrency.get(i);
            ObjectNode row = derived.putObject("c" + c);
            JsonNode direct = point(run, profile, "direct", c);
            JsonNode nginx = point(run, profile, "nginx", c);
            JsonNode router = point(run, profile, "router", c);
            for (String t : targets) {
                JsonNode point = point(run, profile, t, c);
                if (point == null) {
                    failures.add("point " + profile + " " + t + " c=" + c + " is missing");
                    continue;
                }
                checkSmoke(profile + " " + t + " c=" + c, point, t, failures);
                figures(row.putObject(t), point, t);
                for (String p : ttftSeries.keySet()) {
                    ttftSeries.get(p).get(t)[i] = at(point, "ttft_ms", p);
                }
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
            row.put("router_minus_nginx_ttft_p50_ms", routerVsNginx);
            row.put("router_tokens_per_second_ratio", tokenRatio);
            row.put("nginx_tokens_per_second_ratio", ratio(nginx, direct));
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
                    Md.pct(ratio(nginx, direct)), errors(direct) + " / " + errors(nginx) + " / " + errors(router)));
            resourceRows.add(List.of(c, cores(router, "router"), Md.num(cpuMsPerRequest(router, "router"), 3),
                    router == null ? "–" : Md.mib(at(RunFiles.process(router, "router"), "rss_kb_max")),
                    cores(nginx, "nginx"), Md.num(cpuMsPerRequest(nginx, "nginx"), 3), cores(router, "sim"),
                    cores(direct, "driver"), cores(router, "driver")));
        }

        String title = "## Profile " + profile + " (" + run.meta("profile." + profile, "?") + ")";
        StringBuilder md = new StringBuilder();
        md.append(title).append("\n\n### Added time to first token (ms, percentile differences against direct)\n\n");
        md.append(Md.table(List.of("concurrency", "router p50", "router p90", "router p99", "nginx p50",
                "nginx p90", "nginx p99", "router − nginx p50"), addedRows));
        md.append("\n### Time to first token and inter-token latency (ms)\n\n");
        md.append(Md.table(List.of("concurrency", "direct TTFT p50 / p90 / p99", "nginx TTFT p50 / p90 / p99",
                "router TTFT p50 / p90 / p99", "direct ITL p50 / p99", "router ITL p50 / p99"), ttftRows));
        md.append("\n### Throughput and errors\n\n");
        md.append(Md.table(List.of("concurrency", "direct req/s", "nginx req/s", "router req/s", "direct tok/s",
                "nginx tok/s", "router tok/s", "router / direct tok/s", "nginx / direct tok/s", "errors d / n / r"),
                throughputRows));
        md.append("\n### CPU (cores used, of ").append(run.meta("cores", "?"))
                .append("; ms of CPU per request that ended in the window) and memory, during each point\n\n");
        md.append(Md.table(List.of("concurrency", "router CPU", "router CPU ms/req", "router RSS max (MiB)",
                "nginx CPU", "nginx CPU ms/req", "simulator CPU (router point)", "driver CPU (direct point)",
                "driver CPU (router point)"), resourceRows));
        md.append('\n');

        List<String> x = concurrency.stream().map(c -> "c=" + c).toList();
        for (String p : ttftSeries.keySet()) {
            charts.add(Svg.lines(profile + ": time to first token " + p, "ms", x, ttftSeries.get(p)));
        }
        charts.add(Svg.bars(profile + ": added time to first token vs direct", "ms", x, added));
        return md.toString();
    }

    /** One target's figures at one point, for result.json. */
    private static void figures(ObjectNode node, JsonNode point, String target) {
        for (String p : PERCENTILES) {
            node.put("ttft_" + p + "_ms", at(point, "ttft_ms", p));
        }
        node.put("itl_p50_ms", at(point, "itl_ms", "p50"));
        node.put("itl_p99_ms", at(point, "itl_ms", "p99"));
        node.put("requests_per_second", at(point, "requests_per_second"));
        node.put("tokens_per_second", at(point, "output_tokens", "per_second"));
        node.put("errors", RunFiles.errors(point));
        node.put("succeeded", point.path("requests").path("succeeded").asLong());
        if (!target.equals("direct")) {
            JsonNode process = RunFiles.process(point, target);
            node.put("cores", at(process, "cores_used"));
            node.put("cpu_ms_per_request", cpuMsPerRequest(point, target));
            node.put("rss_mib_max", at(process, "rss_kb_max") / 1024);
        }
    }

    /**
     * Smoke's checks of one point: requests completed, none failed, and the proxy's CPU per request was measured.
     */
    void checkSmoke(String name, JsonNode point, String target, List<String> failures) {
        if (!smoke) {
            return;
        }
        long ok = point.path("requests").path("succeeded").asLong();
        long errors = RunFiles.errors(point);
        if (errors > 0 || ok == 0 || point.path("ttft_ms").path("count").asLong() == 0) {
            failures.add(name + ": " + ok + " ok, " + errors + " errors " + point.path("errors"));
        }
        if (!target.equals("direct") && Double.isNaN(cpuMsPerRequest(point, target))) {
            failures.add(name + ": no CPU per request for " + target);
        }
    }

    static JsonNode point(RunFiles run, String profile, String target, String c) {
        return run.points().get(profile + "-" + target + "-c" + c);
    }

    /** CPU milliseconds per request of the process labelled {@code label} (router, or nginx's master and workers). */
    static double cpuMsPerRequest(JsonNode point, String label) {
        return point == null ? Double.NaN : at(RunFiles.process(point, label), "cpu_ms_per_request");
    }

    static double diff(JsonNode a, JsonNode b, String percentile) {
        if (a == null || b == null) {
            return Double.NaN;
        }
        return at(a, "ttft_ms", percentile) - at(b, "ttft_ms", percentile);
    }

    static double ratio(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return Double.NaN;
        }
        return at(a, "output_tokens", "per_second") / at(b, "output_tokens", "per_second");
    }

    static String triple(JsonNode point, String field) {
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

    static String errors(JsonNode point) {
        return point == null ? "–" : Long.toString(RunFiles.errors(point));
    }

    private static String cores(JsonNode point, String label) {
        JsonNode process = point == null ? null : RunFiles.process(point, label);
        return process == null || process.isMissingNode() ? "–" : Md.num(at(process, "cores_used"), 2);
    }

    static double at(JsonNode node, String... path) {
        return node == null ? Double.NaN : RunFiles.at(node, path);
    }
}
