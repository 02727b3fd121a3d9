package dev.switchboard.loadtest.report;

import java.util.List;
import java.util.Locale;

/** Markdown tables and number formats for the summaries. */
final class Md {

    private Md() {
    }

    static String table(List<String> header, List<List<String>> rows) {
        StringBuilder out = new StringBuilder();
        out.append("| ").append(String.join(" | ", header)).append(" |\n|");
        for (int i = 0; i < header.size(); i++) {
            out.append(i == 0 ? " --- |" : " ---: |");
        }
        out.append('\n');
        for (List<String> row : rows) {
            out.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        return out.toString();
    }

    /** Milliseconds with two decimals; a dash for a figure not measured. */
    static String ms(double value) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%.2f", value);
    }

    /** A signed difference in milliseconds. */
    static String delta(double value) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%+.2f", value);
    }

    static String num(double value, int decimals) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }

    static String pct(double share) {
        return Double.isNaN(share) ? "–" : String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    static String mib(double kb) {
        return Double.isNaN(kb) ? "–" : String.format(Locale.ROOT, "%.0f", kb / 1024);
    }

    static String check(boolean ok) {
        return ok ? "met" : "**missed**";
    }
}
