package dev.switchboard.loadtest.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The soak suite: the router's resident memory and open sockets over a long steady run. Memory counts as flat when
 * the least-squares slope of the last half stays under {@link #FLAT_MIB_PER_MINUTE} (a JVM's heap settles after its
 * first collections, so the first half may rise while the last must not).
 */
final class SoakReport implements SuiteReport {

    static final double FLAT_MIB_PER_MINUTE = 1.0;

    @Override
    public Rendered render(RunFiles run) {
        ObjectNode derived = new ObjectMapper().createObjectNode();
        JsonNode point = run.points().get("soak");
        if (point == null) {
            return new Rendered(derived, "No soak point was measured.\n", null, new ArrayList<>(List.of("no soak point")));
        }
        JsonNode router = RunFiles.process(point, "router");
        List<double[]> samples = new ArrayList<>();
        for (JsonNode s : router.path("samples")) {
            samples.add(new double[] {s.get(0).asDouble(), s.get(1).asDouble() / 1024, s.get(2).asDouble(),
                s.get(3).asDouble()});
        }
        double end = samples.isEmpty() ? 0 : samples.getLast()[0];
        double firstSlope = slope(samples, 0, end / 2);
        double lastSlope = slope(samples, end / 2, end + 1);
        double rssStart = samples.isEmpty() ? Double.NaN : samples.getFirst()[1];
        double rssEnd = samples.isEmpty() ? Double.NaN : samples.getLast()[1];
        double rssMax = samples.stream().mapToDouble(s -> s[1]).max().orElse(Double.NaN);
        double socketsMin = samples.stream().mapToDouble(s -> s[2]).min().orElse(Double.NaN);
        double socketsMax = samples.stream().mapToDouble(s -> s[2]).max().orElse(Double.NaN);
        boolean flat = lastSlope <= FLAT_MIB_PER_MINUTE;
        derived.put("rss_mib_start", rssStart);
        derived.put("rss_mib_end", rssEnd);
        derived.put("rss_mib_max", rssMax);
        derived.put("rss_slope_first_half_mib_per_min", firstSlope);
        derived.put("rss_slope_last_half_mib_per_min", lastSlope);
        derived.put("rss_flat", flat);
        derived.put("sockets_min", socketsMin);
        derived.put("sockets_max", socketsMax);
        derived.put("router_cores", RunFiles.at(router, "cores_used"));
        derived.put("errors", RunFiles.errors(point));
        derived.put("requests", point.path("requests").path("succeeded").asLong());

        StringBuilder md = new StringBuilder();
        md.append("Setup: ").append(run.meta("simulator", "?")).append("; closed loop at concurrency ")
                .append(run.meta("concurrency", "?")).append(" for ").append(run.meta("soak_seconds", "?"))
                .append(" s through the router, sampled every ").append(run.meta("sample_seconds", "?"))
                .append(" s; router JVM options: ").append(run.meta("router_java_opts", "none")).append(".\n\n");
        md.append(Md.table(List.of("figure", "value"), List.of(
                List.of("router RSS start / end / max (MiB)", Md.num(rssStart, 0) + " / " + Md.num(rssEnd, 0) + " / "
                        + Md.num(rssMax, 0)),
                List.of("RSS slope, first half (MiB/min)", Md.num(firstSlope, 2)),
                List.of("RSS slope, last half (MiB/min)", Md.num(lastSlope, 2)),
                List.of("verdict", flat ? "flat (last-half slope ≤ " + FLAT_MIB_PER_MINUTE + " MiB/min)"
                        : "**grows** (last-half slope > " + FLAT_MIB_PER_MINUTE + " MiB/min)"),
                List.of("router open sockets min / max", Md.num(socketsMin, 0) + " / " + Md.num(socketsMax, 0)),
                List.of("router CPU (cores)", Md.num(RunFiles.at(router, "cores_used"), 2)),
                List.of("requests ok / errors", point.path("requests").path("succeeded").asLong() + " / "
                        + RunFiles.errors(point) + " " + point.path("errors")),
                List.of("req/s, tok/s", Md.num(RunFiles.at(point, "requests_per_second"), 1) + ", "
                        + Md.num(RunFiles.at(point, "output_tokens", "per_second"), 0)),
                List.of("TTFT p50 / p90 / p99 (ms)", Md.ms(RunFiles.at(point, "ttft_ms", "p50")) + " / "
                        + Md.ms(RunFiles.at(point, "ttft_ms", "p90")) + " / "
                        + Md.ms(RunFiles.at(point, "ttft_ms", "p99"))))));
        md.append("\n## Samples\n\n");
        List<List<String>> rows = new ArrayList<>();
        for (double[] s : samples) {
            rows.add(List.of(Md.num(s[0], 0), Md.num(s[1], 1), Md.num(s[2], 0), Md.num(s[3], 1)));
        }
        md.append(Md.table(List.of("seconds", "RSS (MiB)", "open sockets", "CPU seconds"), rows));

        double[] x = samples.stream().mapToDouble(s -> s[0]).toArray();
        Map<String, double[]> rss = new LinkedHashMap<>();
        rss.put("router RSS", samples.stream().mapToDouble(s -> s[1]).toArray());
        Map<String, double[]> sockets = new LinkedHashMap<>();
        sockets.put("router open sockets", samples.stream().mapToDouble(s -> s[2]).toArray());
        String html = Svg.page("Switchboard soak — " + run.meta("started_at", ""),
                "Router memory and sockets under steady streaming at concurrency " + run.meta("concurrency", "?"),
                List.of(Svg.timeLines("Router resident memory", "MiB", x, rss),
                        Svg.timeLines("Router open sockets", "sockets", x, sockets)));
        return new Rendered(derived, md.toString(), html, new ArrayList<>());
    }

    /** Least-squares slope of RSS (MiB) over time, in MiB per minute, for samples with from <= t < to. */
    static double slope(List<double[]> samples, double from, double to) {
        double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (double[] s : samples) {
            if (s[0] >= from && s[0] < to) {
                n++;
                sx += s[0];
                sy += s[1];
                sxx += s[0] * s[0];
                sxy += s[0] * s[1];
            }
        }
        double denominator = n * sxx - sx * sx;
        if (n < 2 || denominator == 0) {
            return Double.NaN;
        }
        return (n * sxy - sx * sy) / denominator * 60;
    }
}
