package org.subsidyledger.ledger.overpayment;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.subsidyledger.contract.batch.BatchDisbursed;
import org.subsidyledger.contract.overpayment.CaseStatus;
import org.subsidyledger.ledger.batch.DisbursementDeductions;
import org.subsidyledger.ledger.batch.PaymentsReturnedListener;
import org.subsidyledger.ledger.infrastructure.ArrayQueries;
import org.subsidyledger.ledger.infrastructure.AuditedCommands;
import org.subsidyledger.ledger.overpayment.OverpaymentCommands.ArrangeDeduction;
import org.subsidyledger.ledger.overpayment.OverpaymentCommands.DeductFromPayment;
import org.subsidyledger.ledger.overpayment.OverpaymentCommands.ReverseRepayment;
import org.subsidyledger.ledger.security.Actor;
import org.subsidyledger.contract.error.ErrorCode;
import org.subsidyledger.contract.error.LedgerException;

/**
 * Recovery by deduction from later payments (从后续待遇中扣减, rule 7, docs/rules.md).
 * <ul>
 *   <li>A case is set to be recovered by deduction with a share of the recipient's monthly standard, at most
 *       {@code ledger.recovery.deduction-max-share}: the cap per payment.</li>
 *   <li>When a batch is disbursed, each of its lines whose recipient has such cases in the same program gives up at
 *       most the largest of their caps (and never more than the line): the oldest case first, each up to its own cap
 *       and what it has outstanding. Each deduction is a repayment of the case naming the line, and the batch's
 *       {@code BatchDisbursed} names the same deductions, in the same transaction: the case and the payment move
 *       together.</li>
 *   <li>When the bank returns a payment, the deductions taken from it are reversed: money that was never paid out
 *       cannot have recovered anything.</li>
 * </ul>
 */
@Service
class DeductionService implements DisbursementDeductions, PaymentsReturnedListener {

    private record Candidate(int line, String recipientId, long grossFen, String caseId, long capFen) {
    }

    private final JdbcTemplate jdbc;
    private final AuditedCommands commands;
    private final BigDecimal maxShare;

    DeductionService(JdbcTemplate jdbc, AuditedCommands commands,
                     @Value("${ledger.recovery.deduction-max-share:0.50}") BigDecimal maxShare) {
        if (maxShare.signum() <= 0 || maxShare.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalStateException("ledger.recovery.deduction-max-share must be above 0 and at most 1, not "
                    + maxShare);
        }
        this.jdbc = jdbc;
        this.commands = commands;
        this.maxShare = maxShare;
    }

    /** @param share the share of the standard deducted from each payment; null for the configured maximum */
    @Transactional
    public CaseStatus arrange(String caseId, BigDecimal share, Actor actor) {
        BigDecimal chosen = share == null ? maxShare : share;
        if (chosen.signum() <= 0 || chosen.compareTo(maxShare) > 0) {
            throw new LedgerException(ErrorCode.INVALID_DEDUCTION_SHARE, "the share of the standard deducted from "
                    + "each payment must be above 0 and at most " + maxShare.toPlainString());
        }
        long standard;
        try {
            standard = jdbc.queryForObject("""
                    SELECT e.monthly_standard_fen FROM overpayment_case_index c
                    JOIN enrolment_index e ON e.program_code = c.program_code AND e.recipient_id = c.recipient_id
                    WHERE c.case_id = ?""", Long.class, caseId);
        } catch (EmptyResultDataAccessException e) {
            throw new LedgerException(ErrorCode.UNKNOWN_OVERPAYMENT, "no overpayment case " + caseId);
        }
        return commands.send(new ArrangeDeduction(caseId, chosen, standard), actor);
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public List<BatchDisbursed.Deduction> deduct(String batchId, LocalDate disbursedOn, Actor actor) {
        Map<Integer, List<Candidate>> byLine = new LinkedHashMap<>();
        jdbc.query("""
                        SELECT p.line, p.recipient_id, p.amount_fen, c.case_id, c.deduction_cap_fen
                        FROM overpayment_case_index c
                        JOIN payout_line_index p ON p.recipient_id = c.recipient_id
                             AND p.program_code = c.program_code
                        WHERE c.deduction_cap_fen IS NOT NULL AND c.status IN ('OPEN', 'PARTIAL')
                          AND p.batch_id = ? AND p.state = 'PENDING'
                        ORDER BY p.line, c.opened_order""",
                rs -> {
                    byLine.computeIfAbsent(rs.getInt(1), line -> new ArrayList<>()).add(new Candidate(rs.getInt(1),
                            rs.getString(2), rs.getLong(3), rs.getString(4), rs.getLong(5)));
                }, batchId);
        List<BatchDisbursed.Deduction> deductions = new ArrayList<>();
        for (List<Candidate> cases : byLine.values()) {
            long limit = Math.min(cases.get(0).grossFen(),
                    cases.stream().mapToLong(Candidate::capFen).max().orElseThrow());
            for (Candidate candidate : cases) {
                if (limit == 0) {
                    break;
                }
                String repaymentId = UUID.randomUUID().toString();
                long deducted = commands.send(new DeductFromPayment(candidate.caseId(), repaymentId, batchId,
                        candidate.line(), disbursedOn, limit), actor);
                if (deducted > 0) {
                    deductions.add(new BatchDisbursed.Deduction(candidate.line(), candidate.recipientId(),
                            candidate.caseId(), repaymentId, deducted));
                    limit -= deducted;
                }
            }
        }
        return deductions;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void returned(String batchId, List<String> recipientIds, Actor actor) {
        List<String[]> reversals = new ArrayList<>();
        ArrayQueries.query(jdbc, """
                        SELECT case_id, repayment_id FROM deduction_index
                        WHERE batch_id = ? AND recipient_id = ANY (?) AND NOT reversed
                        ORDER BY case_id""",
                rs -> reversals.add(new String[]{rs.getString(1), rs.getString(2)}), batchId,
                recipientIds.toArray(String[]::new));
        for (String[] reversal : reversals) {
            try {
                commands.send(new ReverseRepayment(reversal[0], reversal[1], "the payment of batch " + batchId
                        + " it was deducted from was returned by the bank", true), actor);
            } catch (AggregateNotFoundException e) {
                throw new IllegalStateException("deduction_index names an unknown case " + reversal[0], e);
            }
        }
    }
}
