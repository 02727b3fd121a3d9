package dev.switchboard.usage;

import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.query.SelectionQuery;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The reads behind the usage reports. Blocking: call from worker threads. */
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
        StringBuilder hql = new StringBuilder("from UsageRowEntity e where 1 = 1");
        Map<String, Object> params = new HashMap<>();
        filter.where(hql, params);
        if (cursor != null) {
            hql.append(" and e.id < :cursor");
            params.put("cursor", cursor);
        }
        hql.append(" order by e.id desc");
        return database.read(() -> {
            SelectionQuery<UsageRowEntity> query = database.session()
                    .createSelectionQuery(hql.toString(), UsageRowEntity.class)
                    .setFirstResult(offset)
                    .setMaxResults(limit + 1);
            params.forEach(query::setParameter);
            List<UsageRow> rows = query.getResultList().stream().map(UsageRowEntity::toRow).toList();
            boolean more = rows.size() > limit;
            List<UsageRow> page = more ? rows.subList(0, limit) : rows;
            return new Page(page, more ? page.get(page.size() - 1).id() : null);
        });
    }

    /** Folds every row the filter selects into {@code summary}, streaming them from the database. */
    UsageSummary summarize(UsageFilter filter, UsageSummary summary) {
        StringBuilder hql = new StringBuilder("select e.caller, e.tenant, e.project, e.modelGroup, e.provider,"
                + " e.modelRef, e.status, e.errorClass, e.promptTokens, e.completionTokens, e.cachedTokens,"
                + " e.costUsd, e.ttftMs, e.latencyMs, e.attempts, e.fallback from UsageRowEntity e where 1 = 1");
        Map<String, Object> params = new HashMap<>();
        filter.where(hql, params);
        return database.read(() -> {
            SelectionQuery<Object[]> query = database.session()
                    .createSelectionQuery(hql.toString(), Object[].class)
                    .setFetchSize(FETCH_SIZE);
            params.forEach(query::setParameter);
            try (Stream<Object[]> tuples = query.getResultStream()) {
                tuples.forEach(t -> summary.add(new UsageSummary.Sample((String) t[0], (String) t[1],
                        (String) t[2], (String) t[3], (String) t[4], (String) t[5], (Integer) t[6], (String) t[7],
                        (Long) t[8], (Long) t[9], (Long) t[10], (BigDecimal) t[11], (Double) t[12], (Double) t[13],
                        (Integer) t[14], (Boolean) t[15])));
            }
            return summary;
        });
    }

    /** A page of rows and where the next one starts (null on the last page). */
    record Page(List<UsageRow> rows, String nextCursor) { }
}
