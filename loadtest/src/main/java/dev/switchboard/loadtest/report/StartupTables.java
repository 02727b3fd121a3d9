package dev.switchboard.loadtest.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The overhead suite's start-up figures: the cold point (the router restarted and loaded from the moment it is
 * ready, beside the warm direct point it is judged against) and the demo command's start to ready.
 */
final class StartupTables {

    private StartupTables() {
    }

    static String render(RunFiles run, ObjectNode derived, List<String> failures, boolean smoke) {
        return cold(run, derived, failures, smoke) + startToReady(run, derived, failures, smoke);
    }

    private static String cold(RunFiles run, ObjectNode derived, List<String> failures, boolean smoke) {
        String profile = run.meta("cold_profile", "paced");
        String c = run.meta("cold_concurrency", Budget.AT);
        boolean expected = !run.meta("cold_seconds", "0").equals("0") && run.metaList("profiles", "").contains(profile)
                && run.metaList("targets", "").contains("router");
        JsonNode cold = OverheadReport.point(run, profile, "router-cold", c);
        JsonNode warm = OverheadReport.point(run, profile, "direct", c);
        if (cold == null) {
            if (expected) {
                failures.add("the cold point (" + profile + " router c=" + c + " after a restart) is missing");
            }
            return "";
        }
        if (smoke) {
            long ok = cold.path("requests").path("succeeded").asLong();
            if (RunFiles.errors(cold) > 0 || ok == 0) {
                failures.add("cold point: " + ok + " ok, " + RunFiles.errors(cold) + " errors " + cold.path("errors"));
            }
        }
        ObjectNode node = derived.putObject("cold");
        node.put("profile", profile);
        node.put("concurrency", c);
        node.put("seconds", Double.parseDouble(run.meta("cold_seconds", "0")));
        for (String p : new String[] {"p50", "p99"}) {
            node.put("added_ttft_" + p + "_ms", OverheadReport.diff(cold, warm, p));
        }
        node.put("tokens_per_second_ratio", OverheadReport.ratio(cold, warm));
        node.put("errors", RunFiles.errors(cold));

        List<List<String>> rows = new ArrayList<>();
        rows.add(row("router, first " + run.meta("cold_seconds", "?") + " s after ready", cold, warm));
        if (warm != null) {
            rows.add(row("direct, warm c=" + c, warm, null));
        }
        return "## Cold: " + profile + " c=" + c + " right after a restart\n\n"
                + "The router restarted with the same configuration and loaded from the moment /q/health/ready "
                + "answered 200, no warm-up, by a driver that had first warmed its own code on the simulator. Added "
                + "time is against the warm direct point.\n\n"
                + Md.table(List.of("point", "TTFT p50 / p90 / p99 (ms)", "tok/s", "errors",
                        "added p50 / p99 vs warm direct"), rows) + "\n";
    }

    private static List<String> row(String name, JsonNode point, JsonNode warm) {
        return List.of(name, OverheadReport.triple(point, "ttft_ms"),
                Md.num(OverheadReport.at(point, "output_tokens", "per_second"), 0), OverheadReport.errors(point),
                added(point, warm));
    }

    private static String added(JsonNode point, JsonNode reference) {
        if (reference == null) {
            return "–";
        }
        return Md.delta(OverheadReport.diff(point, reference, "p50")) + " / "
                + Md.delta(OverheadReport.diff(point, reference, "p99"));
    }

    private static String startToReady(RunFiles run, ObjectNode derived, List<String> failures, boolean smoke) {
        double[] runs = Budget.startRuns(run);
        String failed = run.meta("start_to_ready_failed", null);
        if (failed != null) {
            failures.add("start to ready: " + failed);
        }
        boolean expected = !run.meta("start_runs", "0").equals("0") && run.metaList("targets", "").contains("router")
                && run.meta("start_to_ready_skipped", null) == null;
        if (smoke && expected && runs.length == 0 && failed == null) {
            failures.add("start to ready: no run was timed");
        }
        if (runs.length == 0) {
            return "";
        }
        ObjectNode node = derived.putObject("start_to_ready");
        ArrayNode ms = node.putArray("runs_ms");
        Arrays.stream(runs).forEach(ms::add);
        double median = Budget.median(runs);
        double max = Arrays.stream(runs).max().orElse(Double.NaN);
        node.put("median_ms", median);
        node.put("max_ms", max);
        node.put("aot_cache", run.meta("router_aot_cache", "none"));
        node.put("command", run.meta("start_command", "?"));
        List<String> each = Arrays.stream(runs).mapToObj(v -> Md.num(v, 0)).toList();
        return "## Start to ready\n\nThe README's demo command, launch to the first 200 from /q/health/ready (polled "
                + "every 10 ms), with nothing else of the suite running: `" + run.meta("start_command", "?")
                + "`. AOT cache: " + run.meta("router_aot_cache", "none")
                + (run.meta("start_aot_mapped", null) == null ? "" : " (mapped by the JVM: "
                + run.meta("start_aot_mapped", "?") + ")") + ".\n\n"
                + Md.table(List.of("runs (ms)", "median (ms)", "max (ms)"),
                        List.of(List.of(String.join(", ", each), Md.num(median, 0), Md.num(max, 0)))) + "\n";
    }
}
