package dev.switchboard.usage;

import java.sql.PreparedStatement;
import java.sql.ResultSet;

/** Counts rows straight in the database, for tests that must see exactly how many landed. */
final class UsageCounting {

    private UsageCounting() {
    }

    /** Rows whose request id starts with {@code prefix}, and how many distinct request ids they have. */
    static long[] rowsAndDistinctRequests(UsageDatabase database, String prefix) {
        return database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "select count(*), count(distinct request_id) from usage_row where request_id like ?")) {
                query.setString(1, prefix + "%");
                try (ResultSet counts = query.executeQuery()) {
                    counts.next();
                    return new long[] {counts.getLong(1), counts.getLong(2)};
                }
            }
        });
    }
}
