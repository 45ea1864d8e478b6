package org.subsidyledger.ledger.overpayment;

import java.sql.Date;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.subsidyledger.contract.overpayment.CaseStatus;
import org.subsidyledger.contract.overpayment.DeductionArranged;
import org.subsidyledger.contract.overpayment.DeductionEnded;
import org.subsidyledger.contract.overpayment.OverpaidMonth;
import org.subsidyledger.contract.overpayment.RefundRecorded;
import org.subsidyledger.contract.overpayment.RepaymentRecorded;
import org.subsidyledger.contract.overpayment.RepaymentReversed;
import org.subsidyledger.contract.overpayment.WriteOffApproved;
import org.subsidyledger.contract.overpayment.OverpaymentAdjusted;
import org.subsidyledger.contract.overpayment.OverpaymentCancelled;
import org.subsidyledger.contract.overpayment.OverpaymentIdentified;

/**
 * Keeps {@code overpayment_case_index}, {@code overpaid_payment_index} and {@code deduction_index} in step with the
 * case events, in the appending transaction. The primary key of {@code overpaid_payment_index} makes sure no payment
 * is claimed by two open cases, whatever happens concurrently.
 */
@Component
@ProcessingGroup(OverpaymentIndexUpdater.GROUP)
class OverpaymentIndexUpdater {

    static final String GROUP = "overpayment-index";

    private final JdbcTemplate jdbc;

    OverpaymentIndexUpdater(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(OverpaymentIdentified event) {
        identified(List.of(event));
    }

    /** A case of a decrease (rule 9) claims part of each payment: its payments are not claimed whole. */
    private static boolean derived(OverpaymentIdentified event) {
        return event.cause() == org.subsidyledger.contract.fact.FactKind.STANDARD_CHANGE;
    }

    /** Index rows of many new cases at once: the detector appends their events itself when it opens many. */
    void identified(List<OverpaymentIdentified> events) {
        jdbc.batchUpdate("""
                INSERT INTO overpayment_case_index (case_id, recipient_id, program_code, fact_id, cause)
                VALUES (?, ?, ?, ?, ?)""", events, 1_000, (ps, event) -> {
            ps.setString(1, event.caseId());
            ps.setString(2, event.recipientId());
            ps.setString(3, event.programCode());
            ps.setString(4, event.factId());
            ps.setString(5, event.cause().name());
        });
        List<Object[]> claims = new java.util.ArrayList<>();
        for (OverpaymentIdentified event : events) {
            if (derived(event)) {
                continue;
            }
            for (OverpaidMonth month : event.months()) {
                claims.add(claimRow(event.caseId(), event.recipientId(), month));
            }
        }
        jdbc.batchUpdate(CLAIM, claims);
    }

    @EventHandler
    void on(OverpaymentAdjusted event) {
        String recipientId = jdbc.queryForObject("SELECT recipient_id FROM overpayment_case_index WHERE case_id = ?",
                String.class, event.caseId());
        for (OverpaidMonth removed : event.removed()) {
            int rows = jdbc.update("""
                    DELETE FROM overpaid_payment_index WHERE batch_id = ? AND recipient_id = ? AND case_id = ?""",
                    removed.batchId(), recipientId, event.caseId());
            if (rows != 1) {
                throw new IllegalStateException("case " + event.caseId() + " does not claim the payment of batch "
                        + removed.batchId());
            }
        }
        claim(event.caseId(), recipientId, event.added());
        if (event.status() != null) {
            status(event.caseId(), event.status());
        }
    }

    @EventHandler
    void on(OverpaymentCancelled event) {
        jdbc.update("""
                UPDATE overpayment_case_index SET cancelled = true, status = 'CANCELLED', deduction_cap_fen = NULL
                WHERE case_id = ?""", event.caseId());
        if (event.released()) {
            jdbc.update("DELETE FROM overpaid_payment_index WHERE case_id = ?", event.caseId());
        }
    }

    @EventHandler
    void on(RepaymentRecorded event) {
        status(event.caseId(), event.status());
        if (event.deductedFrom() != null) {
            jdbc.update("""
                    INSERT INTO deduction_index (batch_id, recipient_id, case_id, repayment_id, amount_fen)
                    SELECT ?, recipient_id, case_id, ?, ? FROM overpayment_case_index WHERE case_id = ?""",
                    event.deductedFrom().batchId(), event.repaymentId(), event.amountFen(), event.caseId());
        }
    }

    @EventHandler
    void on(RepaymentReversed event) {
        status(event.caseId(), event.status());
        jdbc.update("UPDATE deduction_index SET reversed = true WHERE repayment_id = ?", event.repaymentId());
    }

    @EventHandler
    void on(RefundRecorded event) {
        status(event.caseId(), event.status());
    }

    @EventHandler
    void on(WriteOffApproved event) {
        status(event.caseId(), event.status());
    }

    @EventHandler
    void on(DeductionArranged event) {
        jdbc.update("UPDATE overpayment_case_index SET deduction_cap_fen = ? WHERE case_id = ?", event.capFen(),
                event.caseId());
    }

    @EventHandler
    void on(DeductionEnded event) {
        jdbc.update("UPDATE overpayment_case_index SET deduction_cap_fen = NULL WHERE case_id = ?", event.caseId());
    }

    private void status(String caseId, CaseStatus status) {
        jdbc.update("UPDATE overpayment_case_index SET status = ? WHERE case_id = ?", status.name(), caseId);
    }

    private static final String CLAIM = """
            INSERT INTO overpaid_payment_index (batch_id, recipient_id, case_id, period, line, amount_fen,
                                                payment_event_id)
            VALUES (?, ?, ?, ?, ?, ?, ?)""";

    private void claim(String caseId, String recipientId, List<OverpaidMonth> months) {
        if (!months.isEmpty()) {
            jdbc.batchUpdate(CLAIM, months.stream().map(month -> claimRow(caseId, recipientId, month)).toList());
        }
    }

    private static Object[] claimRow(String caseId, String recipientId, OverpaidMonth month) {
        return new Object[]{month.batchId(), recipientId, caseId, Date.valueOf(month.period().atDay(1)), month.line(),
                month.amountFen(), month.paymentEventId()};
    }
}
