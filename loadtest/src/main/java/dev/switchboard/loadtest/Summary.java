package dev.switchboard.loadtest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.HdrHistogram.DoubleHistogram;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The outcome of a run: a JSON document for the reports and one line for people. Latencies are in milliseconds with
 * microsecond precision; rates per second of the measured window.
 */
record Summary(Options options, Stats stats, double windowSeconds, String stopReason, int leftInFlight,
        List<ProcessWatch.Result> processes, List<Run.MetricsDelta> metrics) {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    double requestsPerSecond() {
        return stats.windowSuccesses / windowSeconds;
    }

    double tokensPerSecond() {
        return stats.windowContentEvents / windowSeconds;
    }

    ObjectNode toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("label", options.label());
        root.put("finished_at", Instant.now().toString());
        root.put("base_url", options.baseUrl());
        root.put("model", options.model());
        ObjectNode load = root.putObject("load");
        load.put("mode", options.openLoop() ? "open" : "closed");
        if (options.openLoop()) {
            load.put("rate", options.rate());
            load.put("arrival", options.arrival());
        } else {
            load.put("concurrency", options.concurrency());
        }
        load.put("workload", options.workload());
        load.put("prompt_tokens", options.promptTokens());
        load.put("max_tokens", options.maxTokens());
        if (options.multiTurn()) {
            load.put("tenants", options.tenants());
            load.put("conversations", options.conversations());
            load.put("turns", options.turns());
            load.put("system_prompt_tokens", options.systemPromptTokens());
        }
        load.put("warmup_seconds", options.warmup().toMillis() / 1000.0);
        load.put("duration_seconds", options.duration().toMillis() / 1000.0);
        load.put("requests_limit", options.requests());
        root.put("stop_reason", stopReason);
        root.put("window_seconds", round(windowSeconds));
        ObjectNode requests = root.putObject("requests");
        requests.put("started", stats.started);
        requests.put("succeeded", stats.succeeded);
        requests.put("succeeded_in_window", stats.windowSuccesses);
        requests.put("failed", stats.failed);
        requests.put("unfinished", stats.unfinished);
        requests.put("dropped", stats.dropped);
        requests.put("left_in_flight", leftInFlight);
        ObjectNode errors = root.putObject("errors");
        stats.errors.forEach(errors::put);
        root.put("requests_per_second", round(requestsPerSecond()));
        ObjectNode tokens = root.putObject("output_tokens");
        tokens.put("total", stats.outputTokens);
        tokens.put("per_second", round(tokensPerSecond()));
        tokens.put("content_events_in_window", stats.windowContentEvents);
        ObjectNode prompt = root.putObject("prompt_tokens");
        prompt.put("total", stats.promptTokens);
        prompt.put("cached", stats.cachedPromptTokens);
        prompt.put("requests_with_usage", stats.requestsWithUsage);
        prompt.put("cached_share", stats.promptTokens == 0 ? 0 : round(stats.cachedPromptTokens
                / (double) stats.promptTokens));
        latency(root.putObject("ttft_ms"), stats.ttft);
        latency(root.putObject("itl_ms"), stats.interToken);
        latency(root.putObject("e2e_ms"), stats.endToEnd);
        rates(root.putObject("tokens_per_second_per_request"), stats.tokensPerSecond);
        ArrayNode procs = root.putArray("processes");
        int cores = Runtime.getRuntime().availableProcessors();
        for (ProcessWatch.Result p : processes) {
            ObjectNode node = procs.addObject();
            node.put("label", p.label());
            ArrayNode pids = node.putArray("pids");
            p.pids().forEach(pids::add);
            node.put("cpu_seconds", round(p.cpuSeconds()));
            if (!Double.isNaN(p.cpuSecondsInWindow())) {
                node.put("cpu_seconds_in_window", round(p.cpuSecondsInWindow()));
            }
            if (!Double.isNaN(p.cpuSecondsInWindow()) && stats.windowSuccesses > 0) {
                // CPU over the window per request that ended in it: steady-state cost, with no drain tail
                node.put("cpu_ms_per_request", round(p.cpuSecondsInWindow() * 1000 / stats.windowSuccesses));
            }
            node.put("cores_used", p.wallSeconds() > 0 ? round(p.cpuSeconds() / p.wallSeconds()) : 0);
            node.put("share_of_machine", p.wallSeconds() > 0 ? round(p.cpuSeconds() / p.wallSeconds() / cores) : 0);
            long max = 0;
            for (ProcessWatch.Sample s : p.samples()) {
                max = Math.max(max, s.rssKb());
            }
            node.put("rss_kb_start", p.samples().isEmpty() ? 0 : p.samples().getFirst().rssKb());
            node.put("rss_kb_end", p.samples().isEmpty() ? 0 : p.samples().getLast().rssKb());
            node.put("rss_kb_max", max);
            node.put("gone", p.gone());
            ArrayNode samples = node.putArray("samples");
            for (ProcessWatch.Sample s : p.samples()) {
                samples.addArray().add(round(s.atSeconds())).add(s.rssKb()).add(s.sockets())
                        .add(round(s.cpuSeconds()));
            }
        }
        root.put("machine_cores", cores);
        ArrayNode scraped = root.putArray("upstream_metrics");
        for (Run.MetricsDelta m : metrics) {
            ObjectNode node = scraped.addObject();
            node.put("url", m.url());
            if (m.error() != null) {
                node.put("error", m.error());
            }
            ObjectNode delta = node.putObject("delta");
            for (Map.Entry<String, Double> e : m.delta().entrySet()) {
                delta.put(e.getKey(), e.getValue());
            }
        }
        return root;
    }

    /** {@code router c=64: 190.2 req/s, 12,170 tok/s, ttft p50 20.41 p90 21.02 p99 23.90 ms, itl p50 5.02 ms, 0 errors} */
    String line() {
        StringBuilder out = new StringBuilder();
        out.append(options.label()).append(": ")
                .append(String.format(Locale.ROOT, "%.1f req/s, %.0f tok/s", requestsPerSecond(), tokensPerSecond()))
                .append(String.format(Locale.ROOT, ", ttft p50 %.2f p90 %.2f p99 %.2f ms",
                        ms(stats.ttft, 50), ms(stats.ttft, 90), ms(stats.ttft, 99)))
                .append(String.format(Locale.ROOT, ", itl p50 %.2f p99 %.2f ms", ms(stats.interToken, 50),
                        ms(stats.interToken, 99)))
                .append(", ").append(stats.succeeded).append(" ok, ").append(stats.failed).append(" errors");
        if (!stats.errors.isEmpty()) {
            out.append(' ').append(stats.errors);
        }
        if (stats.unfinished > 0) {
            out.append(", ").append(stats.unfinished).append(" unfinished");
        }
        if (stats.dropped > 0) {
            out.append(", ").append(stats.dropped).append(" dropped");
        }
        for (ProcessWatch.Result p : processes) {
            if (p.label().equals("driver") && p.wallSeconds() > 0) {
                out.append(String.format(Locale.ROOT, ", driver %.2f cores", p.cpuSeconds() / p.wallSeconds()));
            }
        }
        return out.toString();
    }

    void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        JSON.writeValue(file.toFile(), toJson());
    }

    private static void latency(ObjectNode node, Histogram h) {
        node.put("count", h.getTotalCount());
        node.put("min", h.getTotalCount() == 0 ? 0 : h.getMinValue() / 1000.0);
        node.put("mean", round(h.getMean() / 1000.0));
        for (double p : new double[] {50, 90, 95, 99, 99.9}) {
            node.put(pName(p), ms(h, p));
        }
        node.put("max", h.getMaxValue() / 1000.0);
    }

    private static void rates(ObjectNode node, DoubleHistogram h) {
        node.put("count", h.getTotalCount());
        node.put("mean", round(h.getMean()));
        for (double p : new double[] {1, 10, 50, 90, 99}) {
            node.put(pName(p), round(h.getValueAtPercentile(p)));
        }
    }

    private static String pName(double p) {
        return "p" + (p == Math.rint(p) ? Integer.toString((int) p) : Double.toString(p).replace('.', '_'));
    }

    private static double ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile) / 1000.0;
    }

    static double round(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }
}
