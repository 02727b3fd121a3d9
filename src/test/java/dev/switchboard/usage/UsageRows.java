package dev.switchboard.usage;

import java.math.BigDecimal;
import java.time.Instant;

/** Usage rows made up for tests that do not go through the router. */
final class UsageRows {

    private UsageRows() {
    }

    static UsageRow row(String requestId) {
        return row(requestId, Instant.now(), "ranking", "chat", 200, 12.5, 40.0);
    }

    static UsageRow row(String requestId, Instant startedAt, String project, String group, int status, Double ttftMs,
                        double latencyMs) {
        return new UsageRow(UsageRecorder.newId(startedAt.toEpochMilli()), requestId, startedAt, "search-team",
                "search", project, "openai-chat", group, "sim-a", "qwen", "qwen-upstream", 1, "sim-a/qwen:ok", false,
                status, status == 200 ? null : "upstream_5xx", ttftMs != null, ttftMs, latencyMs, 100, 20, 0, 0, 0,
                false, new BigDecimal("0.0000150000"), null, null);
    }
}
