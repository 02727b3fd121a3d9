package dev.switchboard.usage;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Usage reports as CSV (RFC 4180): a header line, then one line per row or group. A text cell that a spreadsheet would
 * read as a formula is escaped.
 */
final class UsageCsv {

    /** The columns of {@code /admin/usage}, as named in the JSON answer and the database. */
    private static final List<Column> ROW_COLUMNS = List.of(
            new Column("id", UsageRow::id),
            new Column("request_id", UsageRow::requestId),
            new Column("started_at", UsageRow::startedAt),
            new Column("caller", UsageRow::caller),
            new Column("tenant", UsageRow::tenant),
            new Column("project", UsageRow::project),
            new Column("dialect", UsageRow::dialect),
            new Column("model_group", UsageRow::modelGroup),
            new Column("provider", UsageRow::provider),
            new Column("model_ref", UsageRow::modelRef),
            new Column("upstream_model", UsageRow::upstreamModel),
            new Column("attempts", UsageRow::attempts),
            new Column("attempt_log", UsageRow::attemptLog),
            new Column("fallback", UsageRow::fallback),
            new Column("status", UsageRow::status),
            new Column("error_class", UsageRow::errorClass),
            new Column("stream", UsageRow::stream),
            new Column("ttft_ms", UsageRow::ttftMs),
            new Column("latency_ms", UsageRow::latencyMs),
            new Column("prompt_tokens", UsageRow::promptTokens),
            new Column("completion_tokens", UsageRow::completionTokens),
            new Column("cached_tokens", UsageRow::cachedTokens),
            new Column("image_tokens", UsageRow::imageTokens),
            new Column("image_count", UsageRow::imageCount),
            new Column("tokens_estimated", UsageRow::tokensEstimated),
            new Column("cost_usd", UsageRow::costUsd),
            new Column("prefix_key", UsageRow::prefixKey),
            new Column("prompt", UsageRow::prompt));

    private UsageCsv() {
    }

    static String rows(List<UsageRow> rows) {
        StringBuilder csv = new StringBuilder(256 + rows.size() * 256);
        for (int i = 0; i < ROW_COLUMNS.size(); i++) {
            csv.append(i == 0 ? "" : ",").append(ROW_COLUMNS.get(i).name);
        }
        csv.append("\r\n");
        for (UsageRow row : rows) {
            for (int i = 0; i < ROW_COLUMNS.size(); i++) {
                csv.append(i == 0 ? "" : ",");
                field(csv, ROW_COLUMNS.get(i).value.apply(row));
            }
            csv.append("\r\n");
        }
        return csv.toString();
    }

    /** Summary groups: every map has the same keys in the same order. */
    static String summary(List<String> columns, List<Map<String, Object>> groups) {
        StringBuilder csv = new StringBuilder(256 + groups.size() * 128);
        csv.append(String.join(",", columns)).append("\r\n");
        for (Map<String, Object> group : groups) {
            for (int i = 0; i < columns.size(); i++) {
                csv.append(i == 0 ? "" : ",");
                field(csv, group.get(columns.get(i)));
            }
            csv.append("\r\n");
        }
        return csv.toString();
    }

    private static void field(StringBuilder csv, Object value) {
        if (value == null) {
            return;
        }
        String text = value instanceof BigDecimal decimal ? decimal.toPlainString() : value.toString();
        if (!(value instanceof Number) && startsLikeAFormula(text)) {
            // Caller-controlled text (tenant headers, request ids) must not run as a formula when an operator opens
            // the file in a spreadsheet: OWASP's advice is a leading apostrophe, which spreadsheets show as text.
            text = "'" + text;
        }
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            csv.append(text);
        } else {
            csv.append('"').append(text.replace("\"", "\"\"")).append('"');
        }
    }

    private static boolean startsLikeAFormula(String text) {
        if (text.isEmpty()) {
            return false;
        }
        char first = text.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }

    private record Column(String name, Function<UsageRow, Object> value) { }
}
