package dev.switchboard.loadtest.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a suite left in its results directory: {@code meta.txt} ({@code key=value} lines: machine, settings),
 * {@code notes.txt} (one remark a line: what was skipped and why) and {@code points/*.json} (one driver summary
 * per measured point).
 */
record RunFiles(Path dir, Map<String, String> meta, List<String> notes, Map<String, JsonNode> points) {

    static RunFiles read(Path dir) throws IOException {
        Map<String, String> meta = new LinkedHashMap<>();
        Path metaFile = dir.resolve("meta.txt");
        if (Files.exists(metaFile)) {
            for (String line : Files.readAllLines(metaFile)) {
                int equals = line.indexOf('=');
                if (equals > 0) {
                    meta.put(line.substring(0, equals), line.substring(equals + 1));
                }
            }
        }
        List<String> notes = new ArrayList<>();
        Path notesFile = dir.resolve("notes.txt");
        if (Files.exists(notesFile)) {
            for (String line : Files.readAllLines(notesFile)) {
                if (!line.isBlank()) {
                    notes.add(line.strip());
                }
            }
        }
        Map<String, JsonNode> points = new TreeMap<>();
        Path pointsDir = dir.resolve("points");
        if (Files.isDirectory(pointsDir)) {
            ObjectMapper json = new ObjectMapper();
            try (DirectoryStream<Path> files = Files.newDirectoryStream(pointsDir, "*.json")) {
                for (Path file : files) {
                    String name = file.getFileName().toString();
                    points.put(name.substring(0, name.length() - 5), json.readTree(file.toFile()));
                }
            }
        }
        return new RunFiles(dir, meta, notes, points);
    }

    String meta(String key, String fallback) {
        return meta.getOrDefault(key, fallback);
    }

    List<String> metaList(String key, String fallback) {
        List<String> out = new ArrayList<>();
        for (String item : meta(key, fallback).trim().split("\\s+")) {
            if (!item.isEmpty()) {
                out.add(item);
            }
        }
        return out;
    }

    /** A process's entry in a point's {@code processes}, or a missing node. */
    static JsonNode process(JsonNode point, String label) {
        for (JsonNode p : point.path("processes")) {
            if (label.equals(p.path("label").asText())) {
                return p;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    /** Sum over every scraped endpoint of the counter deltas whose series name starts with {@code metric}. */
    static double metricSum(JsonNode point, String metric) {
        double sum = 0;
        for (JsonNode endpoint : point.path("upstream_metrics")) {
            sum += metric(endpoint, metric);
        }
        return sum;
    }

    /** One endpoint's delta of {@code metric} (all label sets summed). */
    static double metric(JsonNode endpoint, String metric) {
        double sum = 0;
        var fields = endpoint.path("delta").fields();
        while (fields.hasNext()) {
            var e = fields.next();
            String series = e.getKey();
            if (series.equals(metric) || series.startsWith(metric + "{")) {
                sum += e.getValue().asDouble();
            }
        }
        return sum;
    }

    /** The number at {@code path} under {@code node}, or NaN when it is not there. */
    static double at(JsonNode node, String... path) {
        JsonNode n = node;
        for (String key : path) {
            n = n.path(key);
        }
        return n.isNumber() ? n.asDouble() : Double.NaN;
    }

    static long errors(JsonNode point) {
        return point.path("requests").path("failed").asLong();
    }
}
