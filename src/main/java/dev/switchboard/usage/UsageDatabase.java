package dev.switchboard.usage;

import io.quarkus.arc.InjectableInstance;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import org.flywaydb.core.Flyway;
import org.hibernate.Session;

import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * The usage database through Hibernate ORM: whichever of the two built-in persistence units ({@code h2},
 * {@code postgresql}) {@code switchboard.usage.database} made active. Inserts go in one JTA transaction per batch,
 * sent as JDBC batches ({@code quarkus.hibernate-orm.*.jdbc.statement-batch-size}). Runs on worker threads only.
 */
@ApplicationScoped
class UsageDatabase implements UsageStore {

    private final InjectableInstance<Session> sessions;
    private final InjectableInstance<Flyway> migrations;
    private volatile boolean ready;
    private Session session;

    UsageDatabase(@Any InjectableInstance<Session> sessions, @Any InjectableInstance<Flyway> migrations) {
        this.sessions = sessions;
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
        write(() -> {
            Session s = session();
            for (UsageRow row : rows) {
                s.persist(UsageRowEntity.of(row));
            }
            s.flush(); // inside the transaction, so a refused row surfaces with its SQL state
            return rows.size();
        });
    }

    @Override
    public int insertAbsent(List<UsageRow> rows) {
        return write(() -> {
            Session s = session();
            Set<String> present = new HashSet<>(s.createSelectionQuery(
                            "select e.id from UsageRowEntity e where e.id in :ids", String.class)
                    .setParameter("ids", rows.stream().map(UsageRow::id).toList())
                    .getResultList());
            int inserted = 0;
            for (UsageRow row : rows) {
                if (present.add(row.id())) {
                    s.persist(UsageRowEntity.of(row));
                    inserted++;
                }
            }
            s.flush();
            return inserted;
        });
    }

    /** Deletes rows that started before {@code cutoff}; returns how many. */
    int deleteBefore(Instant cutoff) {
        return write(() -> session().createMutationQuery("delete from UsageRowEntity e where e.startedAt < :cutoff")
                .setParameter("cutoff", cutoff)
                .executeUpdate());
    }

    /** Runs {@code work} in a transaction of its own on the usage database. */
    <T> T read(Callable<T> work) {
        if (!ready) {
            prepare();
        }
        return QuarkusTransaction.requiringNew().timeout(300).call(work);
    }

    /** The active unit's session; valid inside {@link #read} or a write. */
    Session session() {
        Session s = session;
        if (s == null) {
            s = sessions.getActive(); // a client proxy onto the transaction's session
            session = s;
        }
        return s;
    }

    private int write(Callable<Integer> work) {
        try {
            return QuarkusTransaction.requiringNew().call(work);
        } catch (RuntimeException e) {
            throw refused(e) ? new RowsRefused(e) : e;
        }
    }

    /** A data exception (SQL state class 22) or constraint violation (23): the rows, not the database, are at fault. */
    private static boolean refused(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("22") || sql.getSQLState().startsWith("23"))) {
                return true;
            }
        }
        return false;
    }
}
