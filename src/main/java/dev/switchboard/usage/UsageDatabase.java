package dev.switchboard.usage;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.InjectableInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import org.flywaydb.core.Flyway;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The usage database over plain JDBC: whichever of the two built-in datasources ({@code h2}, {@code postgresql})
 * {@code switchboard.usage.database} made active, schema by Flyway. Inserts go in one transaction per batch, as one
 * JDBC batch. Runs on worker threads only.
 *
 * <p>Plain JDBC rather than an ORM: the router writes one table and reads it back with a handful of statements, and
 * Hibernate ORM cost about a second of CPU at every start (its persistence units are built at boot) and several
 * times this code's CPU per inserted row.
 */
@ApplicationScoped
class UsageDatabase implements UsageStore {

    /** The columns of {@code usage_row} in {@link UsageRow}'s order. */
    static final String COLUMNS = "id, request_id, started_at, caller, tenant, project, dialect, model_group, provider,"
            + " model_ref, upstream_model, attempts, attempt_log, fallback, status, error_class, stream, ttft_ms,"
            + " latency_ms, prompt_tokens, completion_tokens, cached_tokens, image_tokens, image_count,"
            + " tokens_estimated, cost_usd, prefix_key, prompt";
    private static final String INSERT = "insert into usage_row (" + COLUMNS
            + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final InjectableInstance<AgroalDataSource> dataSources;
    private final InjectableInstance<Flyway> migrations;
    private volatile boolean ready;
    private volatile AgroalDataSource dataSource;

    UsageDatabase(@Any InjectableInstance<AgroalDataSource> dataSources, @Any InjectableInstance<Flyway> migrations) {
        this.dataSources = dataSources;
        this.migrations = migrations;
    }

    /** Whether the schema is known to be in place. */
    boolean ready() {
        return ready;
    }

    @Override
    public synchronized void prepare() {
        if (!ready) {
            migrations.getActive().migrate();
            ready = true;
        }
    }

    @Override
    public void insert(List<UsageRow> rows) {
        write(connection -> {
            insertAll(connection, rows);
            return rows.size();
        });
    }

    @Override
    public int insertAbsent(List<UsageRow> rows) {
        return write(connection -> {
            Set<String> present = new HashSet<>();
            String marks = String.join(", ", Collections.nCopies(rows.size(), "?"));
            try (PreparedStatement select = connection.prepareStatement(
                    "select id from usage_row where id in (" + marks + ")")) {
                for (int i = 0; i < rows.size(); i++) {
                    select.setString(i + 1, rows.get(i).id());
                }
                try (ResultSet found = select.executeQuery()) {
                    while (found.next()) {
                        present.add(found.getString(1));
                    }
                }
            }
            List<UsageRow> absent = rows.stream().filter(row -> present.add(row.id())).toList();
            insertAll(connection, absent);
            return absent.size();
        });
    }

    /** Deletes rows that started before {@code cutoff}; returns how many. */
    int deleteBefore(Instant cutoff) {
        return write(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("delete from usage_row where started_at < ?")) {
                delete.setObject(1, timestamp(cutoff));
                return delete.executeUpdate();
            }
        });
    }

    /** Runs {@code work} on a connection of its own, in a read-only transaction (so results can stream). */
    <T> T read(Work<T> work) {
        if (!ready) {
            prepare();
        }
        try (Connection connection = dataSource().getConnection()) {
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            try {
                return work.run(connection);
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    /** Binds {@code value} as the timestamp-with-time-zone both databases store. */
    static OffsetDateTime timestamp(Instant value) {
        return OffsetDateTime.ofInstant(value, ZoneOffset.UTC);
    }

    /** Reads a timestamp column back as an instant. */
    static Instant instant(ResultSet result, int column) throws SQLException {
        OffsetDateTime value = result.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private <T> T write(Work<T> work) {
        try (Connection connection = dataSource().getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw refused(e) ? new RowsRefused(e) : new DatabaseException(e);
        }
    }

    private AgroalDataSource dataSource() {
        AgroalDataSource source = dataSource;
        if (source == null) {
            source = dataSources.getActive();
            dataSource = source;
        }
        return source;
    }

    private static void insertAll(Connection connection, List<UsageRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (UsageRow row : rows) {
                bind(insert, row);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** Sets the row's values; strings are clipped to their column's length so no caller's value can fail a batch. */
    private static void bind(PreparedStatement s, UsageRow row) throws SQLException {
        s.setString(1, row.id());
        s.setString(2, clip(row.requestId(), 128));
        s.setObject(3, timestamp(row.startedAt()));
        s.setString(4, clip(row.caller(), 128));
        s.setString(5, clip(row.tenant(), 128));
        s.setString(6, clip(row.project(), 128));
        s.setString(7, clip(row.dialect(), 32));
        s.setString(8, clip(row.modelGroup(), 256));
        s.setString(9, clip(row.provider(), 256));
        s.setString(10, clip(row.modelRef(), 256));
        s.setString(11, clip(row.upstreamModel(), 512));
        s.setInt(12, row.attempts());
        s.setString(13, clip(row.attemptLog(), 4000));
        s.setBoolean(14, row.fallback());
        s.setInt(15, row.status());
        s.setString(16, clip(row.errorClass(), 64));
        s.setBoolean(17, row.stream());
        if (row.ttftMs() == null) {
            s.setNull(18, Types.DOUBLE);
        } else {
            s.setDouble(18, row.ttftMs());
        }
        s.setDouble(19, row.latencyMs());
        s.setLong(20, row.promptTokens());
        s.setLong(21, row.completionTokens());
        s.setLong(22, row.cachedTokens());
        s.setLong(23, row.imageTokens());
        s.setInt(24, row.imageCount());
        s.setBoolean(25, row.tokensEstimated());
        s.setBigDecimal(26, row.costUsd());
        s.setString(27, clip(row.prefixKey(), 512));
        s.setString(28, row.prompt());
    }

    /** The row at the result's cursor, its columns in {@link #COLUMNS}' order. */
    static UsageRow row(ResultSet r) throws SQLException {
        double ttft = r.getDouble(18);
        Double ttftMs = r.wasNull() ? null : ttft;
        return new UsageRow(r.getString(1), r.getString(2), instant(r, 3), r.getString(4), r.getString(5),
                r.getString(6), r.getString(7), r.getString(8), r.getString(9), r.getString(10), r.getString(11),
                r.getInt(12), r.getString(13), r.getBoolean(14), r.getInt(15), r.getString(16), r.getBoolean(17),
                ttftMs, r.getDouble(19), r.getLong(20), r.getLong(21), r.getLong(22),
                r.getLong(23), r.getInt(24), r.getBoolean(25), r.getBigDecimal(26), r.getString(27), r.getString(28));
    }

    private static String clip(String value, int length) {
        return value == null || value.length() <= length ? value : value.substring(0, length);
    }

    /** A data exception (SQL state class 22) or constraint violation (23): the rows, not the database, are at fault. */
    private static boolean refused(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException s = sql; s != null; s = s.getNextException()) {
                    if (s.getSQLState() != null && (s.getSQLState().startsWith("22") || s.getSQLState().startsWith("23"))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Work on one connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** The database could not be reached or failed the statement. */
    static final class DatabaseException extends RuntimeException {
        DatabaseException(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
