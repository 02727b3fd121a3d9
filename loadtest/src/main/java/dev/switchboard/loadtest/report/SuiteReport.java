package dev.switchboard.loadtest.report;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/** Turns one suite's points into its figures, its tables and its charts. */
sealed interface SuiteReport permits OverheadReport, PrefixReport, SoakReport, RealReport {

    Rendered render(RunFiles run);

    /**
     * @param derived   the suite's figures, for result.json
     * @param markdown  the tables, for summary.md
     * @param chartHtml a self-contained HTML page of charts, or null
     * @param failures  why the run does not count as passing (smoke checks); empty when it does
     */
    record Rendered(ObjectNode derived, String markdown, String chartHtml, List<String> failures) {
    }
}
