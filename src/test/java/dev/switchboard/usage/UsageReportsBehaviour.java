package dev.switchboard.usage;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code /admin/usage} and {@code /admin/usage/summary} over rows written straight to the database; run once on H2
 * and once on PostgreSQL, which must answer alike. Each test owns a caller name, so rows of other tests never match.
 */
abstract class UsageReportsBehaviour {

    /** Ten days ago at noon UTC: inside the retention period, on a day of its own. */
    static final Instant BASE = LocalDate.now(ZoneOffset.UTC).minusDays(10).atTime(12, 0).toInstant(ZoneOffset.UTC);

    @Inject
    UsageDatabase database;

    @Inject
    UsageRetention retention;

    private static String caller() {
        return "reports-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static UsageRow row(String caller, Instant at, String project, String group, int status, Double ttft,
                                double latency, int attempts) {
        return new UsageRow(UsageRecorder.newId(at.toEpochMilli()), "req-" + UUID.randomUUID(), at, caller, "t",
                project, "openai-chat", group, "sim-a", "qwen", "qwen-upstream", attempts, "sim-a/qwen:ok",
                attempts > 1, status, status == 200 ? null : "upstream_5xx", ttft != null, ttft, latency, 100, 10, 40,
                0, 0, false, new BigDecimal("0.0000200000"), null, null);
    }

    private void store(List<UsageRow> rows) {
        database.prepare();
        database.insert(rows);
    }

    @Test
    void listsRowsNewestFirstPageByPageWithACursor() {
        String caller = caller();
        List<UsageRow> rows = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            rows.add(row(caller, BASE.plusSeconds(i), "p", "g", 200, 1.0, 10, 1));
        }
        store(rows);

        JsonPath first = get("/admin/usage?caller=" + caller + "&limit=2");
        JsonPath second = get("/admin/usage?caller=" + caller + "&limit=2&cursor=" + first.getString("next_cursor"));
        JsonPath third = get("/admin/usage?caller=" + caller + "&limit=2&cursor=" + second.getString("next_cursor"));

        assertEquals(List.of(rows.get(4).id(), rows.get(3).id()), first.getList("rows.id"));
        assertEquals(List.of(rows.get(2).id(), rows.get(1).id()), second.getList("rows.id"));
        assertEquals(List.of(rows.get(0).id()), third.getList("rows.id"));
        assertNull(third.getString("next_cursor"));
        assertEquals(List.of(rows.get(2).id(), rows.get(1).id()),
                get("/admin/usage?caller=" + caller + "&limit=2&offset=2").getList("rows.id"));
    }

    @Test
    void filtersByTimeRangeAndFields() {
        String caller = caller();
        store(List.of(
                row(caller, BASE, "ranking", "chat", 200, 1.0, 10, 1),
                row(caller, BASE.plusSeconds(1), "ranking", "coder", 200, 1.0, 10, 1),
                row(caller, BASE.plusSeconds(2), "search", "chat", 502, null, 10, 2),
                row(caller, BASE.plusSeconds(3), "ranking", "chat", 200, 1.0, 10, 1)));

        assertEquals(2, get("/admin/usage?caller=" + caller + "&from=" + BASE.plusSeconds(1) + "&to="
                + BASE.plusSeconds(3)).getList("rows").size(), "from inclusive, to exclusive");
        assertEquals(2, get("/admin/usage?caller=" + caller + "&project=ranking&group=chat").getList("rows").size());
        assertEquals(1, get("/admin/usage?caller=" + caller + "&status=502").getList("rows").size());
        String day = BASE.atZone(ZoneOffset.UTC).toLocalDate().toString();
        assertEquals(4, get("/admin/usage?caller=" + caller + "&from=" + day + "&to=" + day).getList("rows").size(),
                "a date as 'to' covers that whole day");
        assertEquals(0, get("/admin/usage?caller=" + caller + "&provider=elsewhere").getList("rows").size());
    }

    @Test
    void answersCsvWhenAskedByFormatOrAccept() {
        String caller = caller();
        store(List.of(row(caller, BASE, "p,with comma", "g", 200, 1.0, 10, 1), row(caller, BASE, "p", "g", 200,
                1.0, 10, 1)));

        String byFormat = UsageTesting.admin().when().get("/admin/usage?format=csv&caller=" + caller)
                .then().statusCode(200).contentType(startsWith("text/csv")).extract().asString();
        String byAccept = UsageTesting.admin().accept("text/csv").when().get("/admin/usage?caller=" + caller)
                .then().statusCode(200).contentType(startsWith("text/csv")).extract().asString();

        String[] lines = byFormat.split("\r\n");
        assertEquals(3, lines.length);
        assertTrue(lines[0].startsWith("id,request_id,started_at,caller,tenant,project,"), lines[0]);
        assertTrue(byFormat.contains(",\"p,with comma\","), byFormat);
        assertEquals(byFormat, byAccept);
    }

    @Test
    void escapesCsvCellsASpreadsheetWouldRunAsFormulas() {
        // given rows whose caller-controlled text starts like a formula (a tenant header, a request id)
        String caller = caller();
        List<String> formulas = List.of("=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd");
        List<UsageRow> rows = new ArrayList<>();
        for (String formula : formulas) {
            rows.add(row(caller, BASE, formula, "g", 200, 1.0, 10, 1));
        }
        store(rows);

        // when the rows are read back as CSV
        String csv = UsageTesting.admin().when().get("/admin/usage?format=csv&caller=" + caller)
                .then().statusCode(200).extract().asString();

        // then every such cell starts with an apostrophe (quoted where CSV needs it), and numbers are left alone
        for (String formula : formulas) {
            String escaped = "'" + formula;
            boolean quoted = escaped.contains("\"") || escaped.contains("\r");
            String cell = quoted ? "\"" + escaped.replace("\"", "\"\"") + "\"" : escaped;
            assertTrue(csv.contains("," + cell + ","), "no escaped cell " + cell + " in " + csv);
            assertTrue(!csv.contains("," + formula + ","), "formula left as is: " + formula);
        }
        assertTrue(csv.contains(",100,10,40,"), "token counts changed: " + csv);
    }

    @Test
    void summarisesGroupsWithTotalsAndLatencyPercentiles() {
        String caller = caller();
        List<UsageRow> rows = new ArrayList<>();
        for (int i = 1; i <= 10; i++) { // ranking/chat: latencies 10..100 ms, the last one failed after a fallback
            boolean failed = i == 10;
            rows.add(row(caller, BASE.plusSeconds(i), "ranking", "chat", failed ? 502 : 200,
                    failed ? null : (double) i, i * 10, failed ? 2 : 1));
        }
        rows.add(row(caller, BASE, "ranking", "coder", 200, 2.5, 250, 1));
        rows.add(row(caller, BASE, "search", "chat", 200, 3.0, 5, 1));
        store(rows);

        JsonPath summary = get("/admin/usage/summary?group_by=project,group&caller=" + caller
                + "&from=" + BASE.atZone(ZoneOffset.UTC).toLocalDate() + "&to=" + BASE.plus(Duration.ofHours(1)));

        assertEquals(List.of("project", "group"), summary.getList("group_by"));
        List<Map<String, Object>> groups = summary.getList("groups");
        assertEquals(3, groups.size());
        Map<String, Object> chat = groups.get(0);
        assertEquals("ranking", chat.get("project"));
        assertEquals("chat", chat.get("group"));
        assertEquals(10, chat.get("requests"));
        assertEquals(1, chat.get("errors"));
        assertEquals(1000, chat.get("prompt_tokens"));
        assertEquals(100, chat.get("completion_tokens"));
        assertEquals(0, new BigDecimal("0.0002").compareTo(new BigDecimal(chat.get("cost_usd").toString())));
        assertEquals(50.0, ((Number) chat.get("latency_ms_p50")).doubleValue());
        assertEquals(90.0, ((Number) chat.get("latency_ms_p90")).doubleValue());
        assertEquals(100.0, ((Number) chat.get("latency_ms_p99")).doubleValue());
        assertEquals(5.0, ((Number) chat.get("ttft_ms_p50")).doubleValue());
        assertEquals(9.0, ((Number) chat.get("ttft_ms_p99")).doubleValue());
        assertEquals(11, chat.get("attempts"));
        assertEquals(1, chat.get("fallbacks"));
        assertEquals("coder", groups.get(1).get("group"));
        assertEquals(250.0, ((Number) groups.get(1).get("latency_ms_p50")).doubleValue());
        assertEquals("search", groups.get(2).get("project"));

        String csv = UsageTesting.admin().when().get("/admin/usage/summary?format=csv&group_by=status&caller=" + caller)
                .then().statusCode(200).extract().asString();
        assertTrue(csv.startsWith("status,requests,errors,prompt_tokens,"), csv);
        assertTrue(csv.contains("\r\n200,11,0,"), csv);
        assertTrue(csv.contains("\r\n502,1,1,"), csv);
    }

    @Test
    void refusesBadParametersSayingWhatIsExpected() {
        UsageTesting.admin().when().get("/admin/usage?limit=5000").then().statusCode(400)
                .body("error.message", containsString("'limit'"));
        UsageTesting.admin().when().get("/admin/usage?from=yesterday").then().statusCode(400)
                .body("error.message", containsString("ISO-8601"));
        UsageTesting.admin().when().get("/admin/usage?cursor=zz").then().statusCode(400);
        UsageTesting.admin().when().get("/admin/usage/summary?group_by=colour").then().statusCode(400)
                .body("error.message", containsString("colour"));
    }

    @Test
    void retentionDeletesRowsOlderThanTheRetentionPeriodOnly() {
        String caller = caller();
        Instant now = Instant.now();
        store(List.of(row(caller, now.minus(Duration.ofDays(200)), "p", "g", 200, 1.0, 1, 1),
                row(caller, now.minus(Duration.ofDays(91)), "p", "g", 200, 1.0, 1, 1),
                row(caller, now.minus(Duration.ofDays(89)), "p", "g", 200, 1.0, 1, 1)));

        retention.purge(); // switchboard.usage.retention is 90d, the default

        List<Object> left = get("/admin/usage?caller=" + caller).getList("rows.started_at");
        assertEquals(1, left.size());
    }

    private static JsonPath get(String path) {
        Response response = UsageTesting.admin().when().get(path);
        assertEquals(200, response.statusCode(), response.asString());
        return response.jsonPath();
    }
}
