package org.subsidyledger.projections.support;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Collects the SQL writes of one processor batch and sends them as JDBC batches when the batch's unit of work
 * prepares to commit (inside its transaction, before the token moves). A processor batch of 500 events then costs a
 * handful of round trips instead of 500. Outside a unit of work (tests, tools) statements run at once.
 *
 * <p>Statements are grouped by SQL text, so handlers must not depend on the order between different statements
 * of one batch; every statement here is an idempotent, order-guarded upsert. An upsert that may meet the same row
 * twice in one batch must use {@link #addKeyed}: the driver rewrites a batch into one multi-row INSERT, and
 * PostgreSQL refuses to update one row twice in a statement.
 *
 * <p>A batched write that fails fails its whole processor batch, and no single event can be blamed for it. For the
 * next {@link #STATEMENT_BY_STATEMENT} after such a failure, statements therefore run at once, inside the handler
 * of the event that makes them: the processor's retry of the batch then meets the failure in that event's handler,
 * whose savepoint rolls it back, and the dead-letter queue parks that one event while the rest of the batch commits.
 */
public final class BatchedSql {

    private static final int FLUSH_THRESHOLD = 20_000;
    static final Duration STATEMENT_BY_STATEMENT = Duration.ofSeconds(60);
    private static final Logger log = LoggerFactory.getLogger(BatchedSql.class);

    private final JdbcTemplate jdbc;
    private final String resourceKey;
    private volatile Instant immediateUntil = Instant.MIN;

    public BatchedSql(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.resourceKey = BatchedSql.class.getName() + "@" + System.identityHashCode(this);
    }

    /** Queues a statement. */
    public void add(String sql, Object... args) {
        pending(sql).add(new Object(), args);
    }

    /**
     * Queues an upsert of the row {@code key}; a later call for the same key in the same batch replaces the earlier
     * one (events of a batch arrive in store order within a segment, so the last is the newest).
     */
    public void addKeyed(String sql, Object key, Object... args) {
        pending(sql).add(key, args);
    }

    /**
     * Sends what is queued in the current unit of work now, in the order the statements were first queued; for a
     * handler that must run a statement against rows queued earlier in the same batch.
     */
    public void flushPending() {
        if (CurrentUnitOfWork.isStarted()) {
            Map<String, Statements> pending = CurrentUnitOfWork.get().root().getResource(resourceKey);
            if (pending != null) {
                pending.values().forEach(Statements::flush);
            }
        }
    }

    private Statements pending(String sql) {
        if (!CurrentUnitOfWork.isStarted() || Instant.now().isBefore(immediateUntil)) {
            return new Statements(sql, true);
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        Map<String, Statements> pending = root.getOrComputeResource(resourceKey, key -> {
            Map<String, Statements> statements = new LinkedHashMap<>();
            root.onPrepareCommit(unitOfWork -> statements.values().forEach(Statements::flush));
            return statements;
        });
        return pending.computeIfAbsent(sql, key -> new Statements(sql, false));
    }

    private final class Statements {
        private final String sql;
        private final boolean immediate;
        private final Map<Object, Object[]> rows = new LinkedHashMap<>();

        Statements(String sql, boolean immediate) {
            this.sql = sql;
            this.immediate = immediate;
        }

        void add(Object key, Object[] args) {
            if (immediate) {
                jdbc.update(sql, args);
            } else {
                rows.remove(key);
                rows.put(key, args);
                if (rows.size() >= FLUSH_THRESHOLD) {
                    flush(); // bounds memory when one batch carries hundreds of thousands of rows
                }
            }
        }

        void flush() {
            if (!rows.isEmpty()) {
                List<Object[]> batch = new ArrayList<>(rows.values());
                rows.clear();
                try {
                    jdbc.batchUpdate(sql, batch);
                } catch (DataAccessException e) {
                    immediateUntil = Instant.now().plus(STATEMENT_BY_STATEMENT);
                    log.warn("a batched write of {} rows failed ({}); for {} s statements run one by one, so the "
                                    + "processor's retry finds the failing event and dead-letters it",
                            batch.size(), e.getClass().getSimpleName(), STATEMENT_BY_STATEMENT.toSeconds());
                    throw e;
                }
            }
        }
    }
}
