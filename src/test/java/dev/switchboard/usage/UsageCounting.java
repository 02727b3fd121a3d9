package dev.switchboard.usage;

/** Counts rows straight in the database, for tests that must see exactly how many landed. */
final class UsageCounting {

    private UsageCounting() {
    }

    /** Rows whose request id starts with {@code prefix}, and how many distinct request ids they have. */
    static long[] rowsAndDistinctRequests(UsageDatabase database, String prefix) {
        return database.read(() -> {
            Object[] counts = database.session().createSelectionQuery(
                            "select count(e), count(distinct e.requestId) from UsageRowEntity e"
                                    + " where e.requestId like :prefix", Object[].class)
                    .setParameter("prefix", prefix + "%")
                    .getSingleResult();
            return new long[] {((Number) counts[0]).longValue(), ((Number) counts[1]).longValue()};
        });
    }
}
