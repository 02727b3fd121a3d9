package dev.switchboard.usage;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which rows a report covers: a time range (from inclusive, to exclusive) and exact matches on the other fields;
 * a null field matches every row.
 *
 * @param model the model ref (the router's name for the model, not the upstream id)
 */
record UsageFilter(Instant from, Instant to, String caller, String tenant, String project, String group,
                   String provider, String model, Integer status, String requestId) {

    /**
     * Reads {@code from} or {@code to}: an ISO-8601 instant ({@code 2025-06-01T12:00:00Z}), a date-time with an
     * offset, or a date, which means the start of that day (UTC) for {@code from} and its end for {@code to}.
     */
    static Instant instant(String name, String value, boolean end) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        try {
            if (text.length() == 10) {
                LocalDate day = LocalDate.parse(text);
                return (end ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return text.endsWith("Z") ? Instant.parse(text) : OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'" + name + "' must be an ISO-8601 instant such as"
                    + " 2025-06-01T12:00:00Z, or a date such as 2025-06-01; got '" + printable(text) + "'");
        }
    }

    /** Appends {@code and ...} SQL conditions for the set fields to {@code sql}, their values to {@code params}. */
    void where(StringBuilder sql, List<Object> params) {
        condition(sql, params, "started_at >= ?", from == null ? null : UsageDatabase.timestamp(from));
        condition(sql, params, "started_at < ?", to == null ? null : UsageDatabase.timestamp(to));
        condition(sql, params, "caller = ?", caller);
        condition(sql, params, "tenant = ?", tenant);
        condition(sql, params, "project = ?", project);
        condition(sql, params, "model_group = ?", group);
        condition(sql, params, "provider = ?", provider);
        condition(sql, params, "model_ref = ?", model);
        condition(sql, params, "status = ?", status);
        condition(sql, params, "request_id = ?", requestId);
    }

    /** The set fields, as the reports echo them back. */
    Map<String, Object> echo() {
        Map<String, Object> set = new LinkedHashMap<>();
        put(set, "from", from);
        put(set, "to", to);
        put(set, "caller", caller);
        put(set, "tenant", tenant);
        put(set, "project", project);
        put(set, "group", group);
        put(set, "provider", provider);
        put(set, "model", model);
        put(set, "status", status);
        put(set, "request_id", requestId);
        return set;
    }

    private static void condition(StringBuilder sql, List<Object> params, String clause, Object value) {
        if (value != null) {
            sql.append(" and ").append(clause);
            params.add(value);
        }
    }

    private static void put(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value instanceof Instant instant ? instant.toString() : value);
        }
    }

    static String printable(String text) {
        String clipped = text.length() > 64 ? text.substring(0, 64) + "…" : text;
        return clipped.replaceAll("[^\\x20-\\x7e…]", "?");
    }
}
