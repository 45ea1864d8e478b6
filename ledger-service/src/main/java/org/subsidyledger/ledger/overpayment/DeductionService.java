package org.subsidyledger.ledger.overpayment;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.HashMap;
import java.util.List;
import java.util.OptionalLong;
import java.util.Map;
import java.util.UUID;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.subsidyledger.contract.batch.BatchDisbursed;
import org.subsidyledger.contract.overpayment.CaseStatus;
import org.subsidyledger.ledger.batch.DisbursementDeductions;
import org.subsidyledger.ledger.batch.PaymentsReturnedListener;
import org.subsidyledger.ledger.infrastructure.ArrayQueries;
import org.subsidyledger.ledger.batch.PayoutLines;
import org.subsidyledger.ledger.enrolment.Enrolments;
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
    private final Enrolments enrolments;
    private final PayoutLines lines;
    private final AuditedCommands commands;
    private final BigDecimal maxShare;

    DeductionService(JdbcTemplate jdbc, Enrolments enrolments, PayoutLines lines, AuditedCommands commands,
                     @Value("${ledger.recovery.deduction-max-share:0.50}") BigDecimal maxShare) {
        if (maxShare.signum() <= 0 || maxShare.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalStateException("ledger.recovery.deduction-max-share must be above 0 and at most 1, not "
                    + maxShare);
        }
        this.jdbc = jdbc;
        this.enrolments = enrolments;
        this.lines = lines;
        this.commands = commands;
        this.maxShare = maxShare;
    }

    /**
     * @param share           the share of the standard deducted from each payment; null for the configured maximum
     * @param recipientAgreed the recipient agreed: deductions need not wait for the notice (rule 14)
     */
    @Transactional
    public CaseStatus arrange(String caseId, BigDecimal share, boolean recipientAgreed, Actor actor) {
        BigDecimal chosen = share == null ? maxShare : share;
        if (chosen.signum() <= 0 || chosen.compareTo(maxShare) > 0) {
            throw new LedgerException(ErrorCode.INVALID_DEDUCTION_SHARE, "the share of the standard deducted from "
                    + "each payment must be above 0 and at most " + maxShare.toPlainString());
        }
        long standard = jdbc.query("SELECT program_code, recipient_id FROM overpayment_case_index WHERE case_id = ?",
                        (rs, n) -> enrolments.standard(rs.getString(1), rs.getString(2)), caseId)
                .stream().filter(OptionalLong::isPresent).mapToLong(OptionalLong::getAsLong).findFirst()
                .orElseThrow(() -> new LedgerException(ErrorCode.UNKNOWN_OVERPAYMENT, "no overpayment case " + caseId));
        return commands.send(new ArrangeDeduction(caseId, chosen, standard, recipientAgreed), actor);
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public List<BatchDisbursed.Deduction> deduct(String batchId, LocalDate disbursedOn, Actor actor) {
        Map<Integer, List<Candidate>> byLine = new LinkedHashMap<>();
        Map.Entry<String, java.time.YearMonth> month = lines.programAndPeriod(batchId);
        Map<String, List<String[]>> open = new HashMap<>(); // recipient → [case id, cap], oldest case first
        if (month != null) {
            jdbc.query("""
                            SELECT recipient_id, case_id, deduction_cap_fen FROM overpayment_case_index
                            WHERE deduction_cap_fen IS NOT NULL AND status IN ('OPEN', 'PARTIAL') AND program_code = ?
                            ORDER BY opened_order""",
                    rs -> {
                        open.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                                .add(new String[]{rs.getString(2), rs.getString(3)});
                    }, month.getKey());
        }
        if (!open.isEmpty()) {
            for (PayoutLines.Pending line : lines.pendingLocked(batchId, open.keySet().toArray(String[]::new))) {
                for (String[] recovering : open.get(line.recipientId())) {
                    byLine.computeIfAbsent(line.line(), l -> new ArrayList<>()).add(new Candidate(line.line(),
                            line.recipientId(), line.amountFen(), recovering[0], Long.parseLong(recovering[1])));
                }
            }
        }
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
