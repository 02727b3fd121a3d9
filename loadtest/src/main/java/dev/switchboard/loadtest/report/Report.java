package dev.switchboard.loadtest.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code report <suite> <results-dir>}: reads what a suite left in its directory and writes {@code result.json}
 * (everything, with the derived figures), {@code summary.md} (the tables) and {@code chart.html} (inline SVG).
 * Returns 1 when the suite's checks fail (smoke), so a script can stop on it.
 */
public final class Report {

    private Report() {
    }

    public static int main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: report <smoke|overhead|prefix|soak|real> <results-dir>");
            return 2;
        }
        String suite = args[0];
        Path dir = Path.of(args[1]);
        SuiteReport report = switch (suite) {
            case "smoke" -> new OverheadReport(true);
            case "overhead" -> new OverheadReport(false);
            case "prefix" -> new PrefixReport();
            case "soak" -> new SoakReport();
            case "real" -> new RealReport();
            default -> null;
        };
        if (report == null) {
            System.err.println("report: unknown suite " + suite);
            return 2;
        }
        RunFiles run = RunFiles.read(dir);
        SuiteReport.Rendered rendered = report.render(run);
        if (run.points().isEmpty()) {
            rendered.failures().add("no point was measured");
        }

        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode result = json.createObjectNode();
        result.put("suite", suite);
        ObjectNode meta = result.putObject("meta");
        run.meta().forEach(meta::put);
        ArrayNode notes = result.putArray("notes");
        run.notes().forEach(notes::add);
        result.set("figures", rendered.derived());
        ArrayNode failures = result.putArray("failures");
        rendered.failures().forEach(failures::add);
        ObjectNode points = result.putObject("points");
        run.points().forEach(points::set);
        json.writeValue(dir.resolve("result.json").toFile(), result);

        StringBuilder md = new StringBuilder();
        md.append("# ").append(suite).append(" — ").append(run.meta("started_at", "")).append("\n\n");
        md.append(machine(run.meta())).append("\n\n");
        md.append(rendered.markdown());
        if (!run.notes().isEmpty()) {
            md.append("\n## Notes\n\n");
            run.notes().forEach(n -> md.append("- ").append(n).append('\n'));
        }
        if (!rendered.failures().isEmpty()) {
            md.append("\n## Failed checks\n\n");
            rendered.failures().forEach(f -> md.append("- ").append(f).append('\n'));
        }
        Files.writeString(dir.resolve("summary.md"), md);
        if (rendered.chartHtml() != null) {
            Files.writeString(dir.resolve("chart.html"), rendered.chartHtml());
        }
        System.out.print(md);
        System.out.println("\nreport: " + dir.toAbsolutePath());
        if (!rendered.failures().isEmpty()) {
            System.out.println(suite + ": FAILED (" + String.join("; ", rendered.failures()) + ")");
            return 1;
        }
        return 0;
    }

    private static String machine(Map<String, String> meta) {
        return "Machine: " + meta.getOrDefault("cores", "?") + " cores (" + meta.getOrDefault("cpu", "?") + "), "
                + meta.getOrDefault("memory_mb", "?") + " MB, kernel " + meta.getOrDefault("kernel", "?") + "; "
                + meta.getOrDefault("jdk", "?") + ". Commit " + meta.getOrDefault("git_commit", "?") + " ("
                + meta.getOrDefault("git_branch", "?") + "). Load average at start "
                + meta.getOrDefault("load_average_at_start", "?") + ", at end "
                + meta.getOrDefault("load_average_at_end", "?") + ".";
    }
}
