package org.subsidyledger.ledger.fact;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.subsidyledger.contract.fact.DeathRecorded;
import org.subsidyledger.contract.fact.DuplicateClaimRecorded;
import org.subsidyledger.contract.fact.EnrolmentEndRecorded;
import org.subsidyledger.contract.fact.FactCorrected;
import org.subsidyledger.contract.fact.FactKind;
import org.subsidyledger.contract.fact.FactRetracted;
import org.subsidyledger.contract.fact.NotDueMonths;
import org.subsidyledger.contract.fact.SuspensionEnded;
import org.subsidyledger.contract.fact.SuspensionRecorded;

/**
 * Keeps {@code life_fact_index} (every fact as its span) and {@code not_due_index} (the months it makes not due) in
 * step with the fact events, in the transaction that appends them (subscribing processor). Batch posting and
 * overpayment detection read these tables instead of loading facts one by one. A retracted fact keeps its row,
 * marked RETRACTED, and loses its not-due months.
 */
@Component
@ProcessingGroup(FactIndexUpdater.GROUP)
class FactIndexUpdater {

    static final String GROUP = "fact-index";

    private final JdbcTemplate jdbc;

    FactIndexUpdater(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(DeathRecorded event) {
        deaths(List.of(event));
    }

    /** Index rows of many deaths at once: the bulk death comparison appends their events itself. */
    void deaths(List<DeathRecorded> events) {
        jdbc.batchUpdate("""
                INSERT INTO life_fact_index (fact_id, recipient_id, kind, program_code, from_date, to_date, detail,
                                             state)
                VALUES (?, ?, 'DEATH', NULL, ?, NULL, ?, 'ACTIVE')""", events, 1_000, (ps, event) -> {
            ps.setString(1, event.factId());
            ps.setString(2, event.recipientId());
            ps.setDate(3, Date.valueOf(event.dateOfDeath()));
            ps.setString(4, event.source());
        });
        jdbc.batchUpdate("""
                INSERT INTO not_due_index (fact_id, recipient_id, program_code, from_month, to_month, cause)
                VALUES (?, ?, NULL, ?, NULL, 'DEATH')""", events, 1_000, (ps, event) -> {
            NotDueMonths months = NotDueMonths.of(FactKind.DEATH, event.dateOfDeath(), null).orElseThrow();
            ps.setString(1, event.factId());
            ps.setString(2, event.recipientId());
            ps.setDate(3, Date.valueOf(months.first().atDay(1)));
        });
    }

    @EventHandler
    void on(SuspensionRecorded event) {
        insert(event.factId(), event.recipientId(), FactKind.SUSPENSION, null, event.from(), event.to(),
                event.kind().name());
    }

    @EventHandler
    void on(DuplicateClaimRecorded event) {
        insert(event.factId(), event.recipientId(), FactKind.DUPLICATE_CLAIM, event.programCode(),
                event.from().atDay(1), event.to().atDay(1), event.otherScheme());
    }

    @EventHandler
    void on(EnrolmentEndRecorded event) {
        insert(event.factId(), event.recipientId(), FactKind.ENROLMENT_END, event.programCode(),
                event.lastDueMonth().atDay(1), null, event.reason());
    }

    @EventHandler
    void on(SuspensionEnded event) {
        changeSpan(event.factId(), null, event.endedOn());
    }

    @EventHandler
    void on(FactCorrected event) {
        changeSpan(event.factId(), event.from(), event.to());
    }

    @EventHandler
    void on(FactRetracted event) {
        expectOne(jdbc.update("UPDATE life_fact_index SET state = 'RETRACTED' WHERE fact_id = ? AND state = 'ACTIVE'",
                event.factId()), event.factId());
        jdbc.update("DELETE FROM not_due_index WHERE fact_id = ?", event.factId());
    }

    private void insert(String factId, String recipientId, FactKind kind, String programCode, LocalDate from,
                        LocalDate to, String detail) {
        jdbc.update("""
                        INSERT INTO life_fact_index (fact_id, recipient_id, kind, program_code, from_date, to_date,
                                                     detail, state)
                        VALUES (?, ?, ?, ?, ?, ?, ?, 'ACTIVE')""",
                factId, recipientId, kind.name(), programCode, Date.valueOf(from), date(to), detail);
        notDue(factId, recipientId, kind, programCode, from, to, detail);
    }

    /** {@code from} null: keep it (a suspension ended). */
    private void changeSpan(String factId, LocalDate from, LocalDate to) {
        record Fact(String recipientId, FactKind kind, String programCode, LocalDate from, String detail) {
        }
        Fact fact = jdbc.queryForObject("""
                        SELECT recipient_id, kind, program_code, from_date, detail FROM life_fact_index
                        WHERE fact_id = ? AND state = 'ACTIVE' FOR UPDATE""",
                (rs, n) -> new Fact(rs.getString(1), FactKind.valueOf(rs.getString(2)), rs.getString(3),
                        rs.getDate(4).toLocalDate(), rs.getString(5)), factId);
        LocalDate newFrom = from == null ? fact.from() : from;
        jdbc.update("UPDATE life_fact_index SET from_date = ?, to_date = ? WHERE fact_id = ?",
                Date.valueOf(newFrom), date(to), factId);
        jdbc.update("DELETE FROM not_due_index WHERE fact_id = ?", factId);
        notDue(factId, fact.recipientId(), fact.kind(), fact.programCode(), newFrom, to, fact.detail());
    }

    /**
     * The fact's months in {@code not_due_index}: cause WITHHELD for a suspension whose kind withholds (rule 10: the
     * months stay due, their lines are refused WITHHELD), else the fact's kind.
     */
    private void notDue(String factId, String recipientId, FactKind kind, String programCode, LocalDate from,
                        LocalDate to, String detail) {
        Optional<NotDueMonths> months = NotDueMonths.of(kind, from, to);
        String cause = kind == FactKind.SUSPENSION
                && org.subsidyledger.contract.fact.SuspensionKind.withholds(detail) ? "WITHHELD" : kind.name();
        months.ifPresent(m -> jdbc.update("""
                        INSERT INTO not_due_index (fact_id, recipient_id, program_code, from_month, to_month, cause)
                        VALUES (?, ?, ?, ?, ?, ?)""", factId, recipientId, programCode, Date.valueOf(m.first().atDay(1)),
                m.last() == null ? null : Date.valueOf(m.last().atDay(1)), cause));
    }

    private static Date date(LocalDate date) {
        return date == null ? null : Date.valueOf(date);
    }

    private static void expectOne(int rows, String factId) {
        if (rows != 1) {
            throw new IllegalStateException("fact " + factId + " is not an active fact in life_fact_index");
        }
    }
}
