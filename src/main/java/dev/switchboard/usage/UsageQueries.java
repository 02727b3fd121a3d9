package dev.switchboard.usage;

import jakarta.enterprise.context.ApplicationScoped;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The reads behind the usage reports, in SQL both H2 and PostgreSQL accept. Blocking: call from worker threads. */
@ApplicationScoped
class UsageQueries {

    /** How many rows a summary reads from the database at a time. */
    private static final int FETCH_SIZE = 1000;

    private final UsageDatabase database;

    UsageQueries(UsageDatabase database) {
        this.database = database;
    }

    /**
     * A page of rows, newest first.
     *
     * @param cursor the last id of the previous page, or null
     */
    Page rows(UsageFilter filter, int limit, int offset, String cursor) {
        StringBuilder sql = new StringBuilder("select " + UsageDatabase.COLUMNS + " from usage_row where 1 = 1");
        List<Object> params = new ArrayList<>();
        filter.where(sql, params);
        if (cursor != null) {
            sql.append(" and id < ?");
            params.add(cursor);
        }
        sql.append(" order by id desc limit ? offset ?");
        params.add(limit + 1);
        params.add(offset);
        return database.read(connection -> {
            List<UsageRow> rows = new ArrayList<>(limit + 1);
            try (PreparedStatement query = prepared(connection.prepareStatement(sql.toString()), params);
                 ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    rows.add(UsageDatabase.row(result));
                }
            }
            boolean more = rows.size() > limit;
            List<UsageRow> page = more ? rows.subList(0, limit) : rows;
            return new Page(page, more ? page.get(page.size() - 1).id() : null);
        });
    }

    /** Folds every row the filter selects into {@code summary}, streaming them from the database. */
    UsageSummary summarize(UsageFilter filter, UsageSummary summary) {
        StringBuilder sql = new StringBuilder("select caller, tenant, project, model_group, provider, model_ref,"
                + " status, error_class, prompt_tokens, completion_tokens, cached_tokens, cost_usd, ttft_ms,"
                + " latency_ms, attempts, fallback from usage_row where 1 = 1");
        List<Object> params = new ArrayList<>();
        filter.where(sql, params);
        return database.read(connection -> {
            try (PreparedStatement query = prepared(connection.prepareStatement(sql.toString()), params)) {
                query.setFetchSize(FETCH_SIZE);
                try (ResultSet r = query.executeQuery()) {
                    while (r.next()) {
                        double ttft = r.getDouble(13);
                        Double ttftMs = r.wasNull() ? null : ttft;
                        summary.add(new UsageSummary.Sample(r.getString(1), r.getString(2), r.getString(3),
                                r.getString(4), r.getString(5), r.getString(6), r.getInt(7), r.getString(8),
                                r.getLong(9), r.getLong(10), r.getLong(11), r.getBigDecimal(12), ttftMs,
                                r.getDouble(14), r.getInt(15), r.getBoolean(16)));
                    }
                }
            }
            return summary;
        });
    }

    private static PreparedStatement prepared(PreparedStatement statement, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            statement.setObject(i + 1, params.get(i));
        }
        return statement;
    }

    /** A page of rows and where the next one starts (null on the last page). */
    record Page(List<UsageRow> rows, String nextCursor) { }
}
