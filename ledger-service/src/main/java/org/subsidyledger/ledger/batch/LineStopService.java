package org.subsidyledger.ledger.batch;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.subsidyledger.contract.batch.BatchDisbursed;
import org.subsidyledger.contract.batch.BatchLinesStopped;
import org.subsidyledger.contract.batch.BatchStatus;
import org.subsidyledger.contract.fact.FactKind;
import org.subsidyledger.ledger.infrastructure.AuditedCommands;
import org.subsidyledger.ledger.security.Actor;
import org.subsidyledger.contract.error.ErrorCode;
import org.subsidyledger.contract.error.LedgerException;

/**
 * Stops batch lines that are not due before they are paid (rules 4 and 6, docs/rules.md): when a fact arrives for lines already
 * posted, and again at disbursement for any line whose month became not due after it was posted (a fact recorded
 * while its batch was being posted). So no line for a month known to be not due is ever disbursed.
 */
@Service
public class LineStopService {

    /** Lines of one batch stopped because of one fact. */
    public record Stop(String batchId, String factId, FactKind cause, List<BatchLinesStopped.Stopped> lines) {
    }

    /**
     * A disbursement: the batch's status after it, how many lines were stopped just before, and what was deducted
     * from its lines to recover overpayments.
     */
    public record Disbursement(BatchStatus status, int stoppedLines, List<BatchDisbursed.Deduction> deductions) {

        public long deductedFen() {
            return deductions.stream().mapToLong(BatchDisbursed.Deduction::amountFen).sum();
        }
    }

    private final JdbcTemplate jdbc;
    private final AuditedCommands commands;
    private final DisbursementDeductions deductions;

    LineStopService(JdbcTemplate jdbc, AuditedCommands commands, @Lazy DisbursementDeductions deductions) {
        this.jdbc = jdbc;
        this.commands = commands;
        this.deductions = deductions;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void stop(Stop stop, Actor actor) {
        commands.send(new BatchCommands.StopBatchLines(stop.batchId(), stop.factId(), stop.cause(), stop.lines()),
                actor);
    }

    /**
     * Stops the batch's pending lines that are not due, records the deductions from the others, then disburses it;
     * all or nothing.
     */
    @Transactional
    public Disbursement disburse(String batchId, LocalDate disbursedOn, Actor actor) {
        try {
            List<Stop> stops = notDueLines(batchId);
            for (Stop stop : stops) {
                stop(stop, actor);
            }
            List<BatchDisbursed.Deduction> deducted = disbursedOn == null ? List.of()
                    : deductions.deduct(batchId, disbursedOn, actor);
            BatchStatus status = commands.send(new BatchCommands.DisburseBatch(batchId, disbursedOn, deducted), actor);
            return new Disbursement(status, stops.stream().mapToInt(s -> s.lines().size()).sum(), deducted);
        } catch (AggregateNotFoundException e) {
            throw new LedgerException(ErrorCode.UNKNOWN_BATCH, "no batch " + batchId);
        }
    }

    /** The batch's pending lines in a month some fact makes not due, grouped by the earliest such fact. */
    private List<Stop> notDueLines(String batchId) {
        Map<String, Stop> byFact = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        jdbc.query("""
                        SELECT p.recipient_id, p.line, p.amount_fen, f.fact_id, f.kind
                        FROM payout_line_index p
                        JOIN not_due_index n ON n.recipient_id = p.recipient_id
                             AND (n.program_code IS NULL OR n.program_code = p.program_code)
                             AND n.from_month <= p.period AND (n.to_month IS NULL OR n.to_month >= p.period)
                        JOIN life_fact_index f ON f.fact_id = n.fact_id
                        WHERE p.batch_id = ? AND p.state = 'PENDING'
                        ORDER BY p.line, f.recorded_order
                        FOR UPDATE OF p""", rs -> {
            String recipientId = rs.getString(1);
            if (seen.add(recipientId)) {
                FactKind cause = FactKind.valueOf(rs.getString(5));
                byFact.computeIfAbsent(rs.getString(4), id -> new Stop(batchId, id, cause, new ArrayList<>()))
                        .lines().add(new BatchLinesStopped.Stopped(rs.getInt(2), recipientId, rs.getLong(3)));
            }
        }, batchId);
        return List.copyOf(byFact.values());
    }
}
