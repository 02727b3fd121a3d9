package dev.switchboard.loadtest.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * DESIGN.md's performance budget, row by row: each figure as this run measured it against its floor and its aim, or
 * why it could not be measured. Reads the overhead suite's points ({@code <profile>-<target>-c<n>}, the cold point
 * {@code paced-router-cold-c64}) and the start-to-ready runs in meta. A figure taken from a point with failed
 * requests counts as missed: errors can make anything look fast.
 */
final class Budget {

    /** The concurrency every row but start-to-ready is judged at. */
    static final String AT = "64";

    /**
     * The direct point the cold rows are judged against: the warm one. The cold point's driver warms its own code on
     * the simulator before the router is started (--prewarm-url), so only the router is cold.
     */
    static final String COLD_REFERENCE = "direct";

    /** How one row came out. */
    sealed interface Verdict permits Measured, NotMeasured {
    }

    /** @param shown the value as printed, with what it was derived from */
    record Measured(double value, String shown, boolean floorMet, boolean aimMet) implements Verdict {
    }

    record NotMeasured(String why) implements Verdict {
    }

    /** One row of the table: {@code key} names it in result.json. */
    record Row(String key, String figure, String floor, String aim, Verdict verdict) {
    }

    private final RunFiles run;

    private Budget(RunFiles run) {
        this.run = run;
    }

    static List<Row> rows(RunFiles run) {
        Budget b = new Budget(run);
        List<Row> rows = new ArrayList<>();
        rows.add(b.addedTtft("warm_added_ttft_p50_ms", "paced c=64 added TTFT p50, warm", "router", "p50", 0.5, 0.3));
        rows.add(b.addedTtft("warm_added_ttft_p99_ms", "paced c=64 added TTFT p99, warm", "router", "p99", 2, 1));
        rows.add(b.addedTtft("cold_added_ttft_p50_ms", "paced c=64, first " + run.meta("cold_seconds", "10")
                + " s after ready (cold): added TTFT p50", "router-cold", "p50", 1, 0.5));
        rows.add(b.addedTtft("cold_added_ttft_p99_ms", "cold: added TTFT p99", "router-cold", "p99", 5, 2));
        rows.add(b.coldTokens());
        rows.add(b.burstTokens());
        rows.add(b.cpuPerStream());
        rows.add(b.startToReady());
        rows.add(b.memory());
        return rows;
    }

    static String markdown(List<Row> rows) {
        List<List<String>> cells = new ArrayList<>();
        for (Row r : rows) {
            switch (r.verdict()) {
                case Measured m -> cells.add(List.of(r.figure(), m.shown(), r.floor(), Md.check(m.floorMet()),
                        r.aim(), Md.check(m.aimMet())));
                case NotMeasured n -> cells.add(List.of(r.figure(), "not measured: " + n.why(), r.floor(), "–",
                        r.aim(), "–"));
            }
        }
        return Md.table(List.of("figure", "measured", "floor", "floor", "aim", "aim"), cells);
    }

    static ArrayNode json(List<Row> rows) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (Row r : rows) {
            var node = out.addObject().put("key", r.key()).put("figure", r.figure()).put("floor", r.floor())
                    .put("aim", r.aim());
            switch (r.verdict()) {
                case Measured m -> node.put("measured", true).put("value", m.value()).put("shown", m.shown())
                        .put("floor_met", m.floorMet()).put("aim_met", m.aimMet());
                case NotMeasured n -> node.put("measured", false).put("why", n.why());
            }
        }
        return out;
    }

    /** Whether every row that was measured met its aim. */
    static boolean aimsMet(List<Row> rows) {
        return rows.stream().noneMatch(r -> r.verdict() instanceof Measured m && !m.aimMet());
    }

    static long notMeasured(List<Row> rows) {
        return rows.stream().filter(r -> r.verdict() instanceof NotMeasured).count();
    }

    /** Floors missed, one line each; empty when every measured floor was met. */
    static List<String> floorsMissed(List<Row> rows) {
        List<String> out = new ArrayList<>();
        for (Row r : rows) {
            if (r.verdict() instanceof Measured m && !m.floorMet()) {
                out.add("budget floor missed: " + r.figure() + ": " + m.shown() + " (floor " + r.floor() + ")");
            }
        }
        return out;
    }

    private Row addedTtft(String key, String figure, String target, String percentile, double floor, double aim) {
        String floorText = "≤ " + num(floor) + " ms";
        String aimText = "≤ " + num(aim) + " ms";
        boolean cold = target.equals("router-cold");
        String reference = cold ? COLD_REFERENCE : "direct";
        JsonNode direct = point("paced", reference);
        JsonNode router = point("paced", target);
        if (direct == null || router == null) {
            return new Row(key, figure, floorText, aimText,
                    new NotMeasured(absent("paced", direct == null ? reference : target)));
        }
        double added = OverheadReport.diff(router, direct, percentile);
        String shown = Md.delta(added) + " ms (" + Md.ms(OverheadReport.at(router, "ttft_ms", percentile)) + " vs "
                + Md.ms(OverheadReport.at(direct, "ttft_ms", percentile)) + " direct)";
        return new Row(key, figure, floorText, aimText,
                judged(added, added <= floor, added <= aim, shown, direct, router));
    }

    private Row coldTokens() {
        String figure = "cold: tokens/s vs direct";
        JsonNode direct = point("paced", COLD_REFERENCE);
        JsonNode cold = point("paced", "router-cold");
        if (direct == null || cold == null) {
            return new Row("cold_tokens_ratio", figure, "≥ 0.95×", "≥ 0.95×",
                    new NotMeasured(absent("paced", direct == null ? COLD_REFERENCE : "router-cold")));
        }
        double ratio = tokens(cold) / tokens(direct);
        String shown = times(ratio) + " (" + Md.num(tokens(cold), 0) + " vs " + Md.num(tokens(direct), 0)
                + " tok/s direct)";
        return new Row("cold_tokens_ratio", figure, "≥ 0.95×", "≥ 0.95×",
                judged(ratio, ratio >= 0.95, ratio >= 0.95, shown, direct, cold));
    }

    private Row burstTokens() {
        String figure = "burst c=64 tokens/s ratio to direct";
        String floor = "≥ 0.8× nginx's ratio";
        String aim = "≥ nginx's ratio";
        JsonNode direct = point("burst", "direct");
        JsonNode nginx = point("burst", "nginx");
        JsonNode router = point("burst", "router");
        String missing = direct == null ? "direct" : router == null ? "router" : nginx == null ? "nginx" : null;
        if (missing != null) {
            return new Row("burst_tokens_vs_nginx", figure, floor, aim, new NotMeasured(absent("burst", missing)));
        }
        double routerRatio = tokens(router) / tokens(direct);
        double nginxRatio = tokens(nginx) / tokens(direct);
        double vsNginx = routerRatio / nginxRatio;
        String shown = Md.pct(routerRatio) + " vs nginx's " + Md.pct(nginxRatio) + ": " + times(vsNginx) + " nginx's";
        return new Row("burst_tokens_vs_nginx", figure, floor, aim,
                judged(vsNginx, vsNginx >= 0.8, vsNginx >= 1.0, shown, direct, nginx, router));
    }

    private Row cpuPerStream() {
        String figure = "CPU per relayed 64-token stream (burst c=64)";
        String floor = "≤ 3× nginx's";
        String aim = "≤ 1.5× nginx's";
        JsonNode nginx = point("burst", "nginx");
        JsonNode router = point("burst", "router");
        if (router == null || nginx == null) {
            return new Row("cpu_per_stream_vs_nginx", figure, floor, aim,
                    new NotMeasured(absent("burst", router == null ? "router" : "nginx")));
        }
        double routerMs = OverheadReport.cpuMsPerRequest(router, "router");
        double nginxMs = OverheadReport.cpuMsPerRequest(nginx, "nginx");
        if (Double.isNaN(routerMs) || Double.isNaN(nginxMs) || nginxMs <= 0) {
            return new Row("cpu_per_stream_vs_nginx", figure, floor, aim,
                    new NotMeasured("no CPU per request in the burst c=64 points (a driver older than this suite?)"));
        }
        double factor = routerMs / nginxMs;
        String shown = String.format(Locale.ROOT, "%.3f vs %.3f ms: %s nginx's", routerMs, nginxMs, times(factor));
        return new Row("cpu_per_stream_vs_nginx", figure, floor, aim,
                judged(factor, factor <= 3, factor <= 1.5, shown, nginx, router));
    }

    private Row startToReady() {
        String figure = "start to ready, JVM, README's demo command";
        String floor = "≤ 1.5 s";
        String aim = "≤ 0.8 s";
        double[] runs = startRuns(run);
        if (runs.length == 0) {
            String why = run.meta("start_to_ready_failed", run.meta("start_to_ready_skipped",
                    "START_RUNS=0 or the router was not a target"));
            return new Row("start_to_ready_ms", figure, floor, aim, new NotMeasured(why));
        }
        double median = median(runs);
        double max = Arrays.stream(runs).max().orElse(Double.NaN);
        String shown = Md.num(median, 0) + " ms median (max " + Md.num(max, 0) + " ms, " + runs.length + " run"
                + (runs.length == 1 ? "" : "s") + ", AOT cache " + aot() + ")";
        return new Row("start_to_ready_ms", figure, floor, aim,
                new Measured(median, shown, median <= 1500, median <= 800));
    }

    private Row memory() {
        String figure = "resident memory under burst c=64";
        JsonNode router = point("burst", "router");
        if (router == null) {
            return new Row("rss_mb", figure, "≤ 300 MB", "≤ 200 MB", new NotMeasured(absent("burst", "router")));
        }
        double kb = OverheadReport.at(RunFiles.process(router, "router"), "rss_kb_max");
        double mb = kb * 1024 / 1e6;
        String shown = Md.num(mb, 0) + " MB max (" + Md.mib(kb) + " MiB), heap " + run.meta("router_java_opts",
                "default");
        return new Row("rss_mb", figure, "≤ 300 MB", "≤ 200 MB", judged(mb, mb <= 300, mb <= 200, shown, router));
    }

    /** The start runs' AOT cache: given and mapped, given but refused, or none. */
    private String aot() {
        if (!run.meta("router_aot_cache", "none").startsWith("used")) {
            return "none";
        }
        return run.meta("start_aot_mapped", "yes").equals("yes") ? "used" : "given but not mapped";
    }

    /** Measured, unless one of the points failed requests: then shown with its errors and not met. */
    private static Measured judged(double value, boolean floorMet, boolean aimMet, String shown, JsonNode... points) {
        long errors = 0;
        for (JsonNode p : points) {
            errors += RunFiles.errors(p);
        }
        if (Double.isNaN(value)) {
            return new Measured(value, shown, false, false);
        }
        if (errors > 0) {
            return new Measured(value, shown + "; " + errors + " failed requests", false, false);
        }
        return new Measured(value, shown, floorMet, aimMet);
    }

    private JsonNode point(String profile, String target) {
        return run.points().get(profile + "-" + target + "-c" + AT);
    }

    /** Why {@code <profile>-<target>-c64} is not there, in the settings' words. */
    private String absent(String profile, String target) {
        if (!run.metaList("profiles", "").contains(profile)) {
            return "no " + profile + " profile (PROFILES=" + run.meta("profiles", "?") + ")";
        }
        String base = target.replace("-cold", "");
        if (!run.metaList("targets", "").contains(base)) {
            return base + " was not run (see notes)";
        }
        if (target.endsWith("-cold")) {
            return run.meta("cold_seconds", "0").equals("0") ? "COLD_SECONDS=0" : "no cold point (see notes)";
        }
        if (!run.metaList("concurrency", "").contains(AT)) {
            return "no c=" + AT + " point (CONCURRENCY=" + run.meta("concurrency", "?") + ")";
        }
        return "point " + profile + " " + target + " c=" + AT + " is missing";
    }

    static double[] startRuns(RunFiles run) {
        return run.metaList("start_to_ready_ms", "").stream().mapToDouble(Double::parseDouble).toArray();
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double tokens(JsonNode point) {
        return OverheadReport.at(point, "output_tokens", "per_second");
    }

    private static String times(double factor) {
        return Double.isNaN(factor) ? "–" : String.format(Locale.ROOT, "%.2f×", factor);
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
