package org.subsidyledger.ledger.verification;

import java.sql.Date;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.subsidyledger.contract.fact.NotDueMonths;
import org.subsidyledger.contract.verification.FactSuspected;
import org.subsidyledger.contract.verification.SuspectedFactConfirmed;
import org.subsidyledger.contract.verification.SuspectedFactDismissed;

/**
 * Keeps {@code suspected_fact_index} in step with the suspected facts, in the transaction that appends their events
 * (subscribing processor): a row per suspected fact with the months it holds, open until settled.
 */
@Component
@ProcessingGroup(SuspectIndexUpdater.GROUP)
class SuspectIndexUpdater {

    static final String GROUP = "suspect-index";

    private final JdbcTemplate jdbc;

    SuspectIndexUpdater(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(FactSuspected event) {
        insert(List.of(event));
    }

    @EventHandler
    void on(SuspectedFactConfirmed event) {
        close(event.suspectId());
    }

    @EventHandler
    void on(SuspectedFactDismissed event) {
        close(event.suspectId());
    }

    /** Index rows of many suspected facts at once: a comparison appends their events itself. */
    void insert(List<FactSuspected> events) {
        jdbc.batchUpdate("""
                INSERT INTO suspected_fact_index (suspect_id, recipient_id, kind, program_code, first_month,
                                                  last_month, open, region, from_date, to_date, other_scheme, source,
                                                  comparison_id)
                VALUES (?, ?, ?, ?, ?, ?, true, ?, ?, ?, ?, ?, ?)""", events, 1_000, (ps, event) -> {
            NotDueMonths held = event.held().orElse(null);
            ps.setString(1, event.suspectId());
            ps.setString(2, event.recipientId());
            ps.setString(3, event.kind().name());
            ps.setString(4, event.programCode());
            ps.setDate(5, held == null ? null : Date.valueOf(held.first().atDay(1)));
            ps.setDate(6, held == null || held.last() == null ? null : Date.valueOf(held.last().atDay(1)));
            ps.setString(7, event.region());
            ps.setDate(8, Date.valueOf(event.from()));
            ps.setDate(9, event.to() == null ? null : Date.valueOf(event.to()));
            ps.setString(10, event.otherScheme());
            ps.setString(11, event.source());
            ps.setString(12, event.comparisonId());
        });
    }

    private void close(String suspectId) {
        jdbc.update("UPDATE suspected_fact_index SET open = false WHERE suspect_id = ?", suspectId);
    }
}
