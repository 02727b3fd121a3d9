package dev.switchboard.loadtest;

import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Scrapes Prometheus text endpoints (a vLLM server's or a simulator's {@code /metrics}) when the measured window
 * opens and when the run ends, and keeps each sample's change: the work the servers did for the measured load.
 * Runs on the driver's event loop.
 */
final class MetricsScrape {

    private final HttpClient client;
    private final List<String> urls;
    private final List<Map<String, Double>> before = new ArrayList<>();
    private final List<Map<String, Double>> after = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();

    MetricsScrape(HttpClient client, List<String> urls) {
        this.client = client;
        this.urls = List.copyOf(urls);
        for (int i = 0; i < urls.size(); i++) {
            before.add(null);
            after.add(null);
            errors.add(null);
        }
    }

    void before() {
        scrapeAll(before);
    }

    Future<Void> after() {
        return scrapeAll(after);
    }

    List<Run.MetricsDelta> results() {
        List<Run.MetricsDelta> out = new ArrayList<>();
        for (int i = 0; i < urls.size(); i++) {
            Map<String, Double> delta = new TreeMap<>();
            Map<String, Double> b = before.get(i);
            Map<String, Double> a = after.get(i);
            if (a != null && b != null) {
                a.forEach((series, value) -> {
                    Double start = b.get(series);
                    if (start != null) {
                        delta.put(series, value - start);
                    }
                });
            }
            String error = errors.get(i) != null ? errors.get(i)
                    : (a == null || b == null) ? "no scrape" : null;
            out.add(new Run.MetricsDelta(urls.get(i), delta, error));
        }
        return out;
    }

    private Future<Void> scrapeAll(List<Map<String, Double>> into) {
        List<Future<?>> all = new ArrayList<>();
        for (int i = 0; i < urls.size(); i++) {
            int index = i;
            RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(urls.get(i))
                    .setTimeout(5_000);
            Future<Void> one = client.request(request)
                    .compose(r -> r.send())
                    .compose(r -> r.statusCode() == 200 ? r.body()
                            : Future.failedFuture("HTTP " + r.statusCode()))
                    .map(body -> {
                        into.set(index, parse(body.toString()));
                        return (Void) null;
                    })
                    .recover(e -> {
                        errors.set(index, String.valueOf(e.getMessage()));
                        return Future.succeededFuture();
                    });
            all.add(one);
        }
        return Future.join(all).mapEmpty();
    }

    /** Prometheus text format: {@code name{labels} value [timestamp]} per line; comments skipped. */
    static Map<String, Double> parse(String text) {
        Map<String, Double> samples = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int close = line.lastIndexOf('}');
            int space = line.indexOf(' ', Math.max(close, 0));
            if (space <= 0) {
                continue;
            }
            String series = line.substring(0, space);
            String rest = line.substring(space + 1).strip();
            int more = rest.indexOf(' ');
            try {
                samples.put(series, Double.parseDouble(more > 0 ? rest.substring(0, more) : rest));
            } catch (NumberFormatException e) {
                // NaN spelt differently, exemplars: not a counter we read
            }
        }
        return samples;
    }
}
