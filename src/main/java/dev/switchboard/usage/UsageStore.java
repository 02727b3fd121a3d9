package dev.switchboard.usage;

import java.util.List;

/** Where the usage writer puts rows: the database, as the writer sees it. */
interface UsageStore {

    /** Creates or updates the schema; throws while the database cannot be reached. */
    void prepare();

    /** Inserts every row in one transaction. */
    void insert(List<UsageRow> rows);

    /**
     * Inserts, in one transaction, those rows whose id is not stored yet, so a replayed row lands exactly once.
     *
     * @return how many were inserted
     */
    int insertAbsent(List<UsageRow> rows);

    /**
     * Thrown when the database refused rows as data (a constraint or value it does not accept) rather than being
     * unreachable: retrying the same rows would fail again.
     */
    final class RowsRefused extends RuntimeException {
        RowsRefused(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }
}
