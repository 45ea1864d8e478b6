package org.subsidyledger.ledger.batch;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.subsidyledger.contract.batch.BatchDisbursed;
import org.subsidyledger.contract.batch.BatchLinesStopped;
import org.subsidyledger.contract.batch.BatchStatus;
import org.subsidyledger.contract.fact.FactKind;
import org.subsidyledger.ledger.fact.ActiveFacts;
import org.subsidyledger.ledger.program.Programs;
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

    private final PayoutLines lines;
    private final ActiveFacts facts;
    private final AuditedCommands commands;
    private final DisbursementDeductions deductions;
    private final Programs programs;
    private final org.subsidyledger.ledger.verification.Suspects suspects;

    LineStopService(PayoutLines lines, ActiveFacts facts, AuditedCommands commands,
                    @Lazy DisbursementDeductions deductions, Programs programs,
                    org.subsidyledger.ledger.verification.Suspects suspects) {
        this.programs = programs;
        this.suspects = suspects;
        this.lines = lines;
        this.facts = facts;
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
            Map.Entry<String, YearMonth> month = lines.programAndPeriod(batchId);
            YearMonth closedThrough = month == null ? null : programs.closedThrough(month.getKey()).orElse(null);
            BatchStatus status = commands.send(new BatchCommands.DisburseBatch(batchId, disbursedOn, deducted,
                    closedThrough), actor);
            return new Disbursement(status, stops.stream().mapToInt(s -> s.lines().size()).sum(), deducted);
        } catch (AggregateNotFoundException e) {
            throw new LedgerException(ErrorCode.UNKNOWN_BATCH, "no batch " + batchId);
        }
    }

    /**
     * The batch's pending monthly lines in a month some fact makes not due, grouped by the earliest such fact; and its
     * funeral grants whose recipient's death was retracted since they were posted (rule 13), grouped by that death.
     * A one-off line is not about a month: a death before the batch's month does not stop it.
     */
    private List<Stop> notDueLines(String batchId) {
        Map.Entry<String, YearMonth> month = lines.programAndPeriod(batchId);
        if (month == null) {
            return List.of();
        }
        Map<String, Stop> byFact = new LinkedHashMap<>();
        List<PayoutLines.Pending> grants = lines.pendingFuneralGrantsLocked(batchId);
        Map<String, ActiveFacts.Death> deaths = facts.deathsOf(grants.stream().map(PayoutLines.Pending::recipientId)
                .toArray(String[]::new));
        for (PayoutLines.Pending grant : grants) {
            ActiveFacts.Death death = deaths.get(grant.recipientId());
            if (death != null && !death.active()) {
                byFact.computeIfAbsent(death.factId(), id -> new Stop(batchId, id, FactKind.DUPLICATE_ONE_OFF,
                                new ArrayList<>()))
                        .lines().add(new BatchLinesStopped.Stopped(grant.line(), grant.recipientId(),
                                grant.amountFen()));
            }
        }
        // A 补发 line pays the month it settles: stopped when a fact makes that month not due (a withheld month is
        // due — its arrears are what the line pays).
        lines.pendingSettlingLocked(batchId).forEach((settled, pending) -> {
            Map<String, ActiveFacts.Cause> notDue = facts.notDueIn(month.getKey(), settled);
            for (PayoutLines.Pending line : pending) {
                ActiveFacts.Cause cause = notDue.get(line.recipientId());
                if (cause != null && !cause.withheld()) {
                    byFact.computeIfAbsent(cause.factId(), id -> new Stop(batchId, id, cause.kind(),
                                    new ArrayList<>()))
                            .lines().add(new BatchLinesStopped.Stopped(line.line(), line.recipientId(),
                                    line.amountFen()));
                }
            }
        });
        // Rule 12: a line held by an open suspected fact is stopped, named by it (the line can be paid again once the
        // suspicion is dismissed); a fact recorded meanwhile stops the rest below.
        Map<String, org.subsidyledger.ledger.verification.Suspects.Hold> held = suspects.held(month.getKey(),
                month.getValue());
        java.util.Set<String> stopped = new java.util.HashSet<>();
        if (!held.isEmpty()) {
            Map<String, ActiveFacts.Cause> notDue = facts.notDueIn(month.getKey(), month.getValue());
            for (PayoutLines.Pending line : lines.pendingMonthlyLocked(batchId, held.keySet().toArray(String[]::new))) {
                ActiveFacts.Cause cause = notDue.get(line.recipientId());
                if (cause != null && !cause.withheld()) {
                    continue; // the recorded fact stops it
                }
                org.subsidyledger.ledger.verification.Suspects.Hold hold = held.get(line.recipientId());
                byFact.computeIfAbsent(hold.suspectId(), id -> new Stop(batchId, id, hold.kind(), new ArrayList<>()))
                        .lines().add(new BatchLinesStopped.Stopped(line.line(), line.recipientId(), line.amountFen()));
                stopped.add(line.recipientId());
            }
        }
        Map<String, ActiveFacts.Cause> causes = facts.notDueIn(month.getKey(), month.getValue());
        causes.keySet().removeAll(stopped);
        if (causes.isEmpty()) {
            return List.copyOf(byFact.values());
        }
        for (PayoutLines.Pending line : lines.pendingMonthlyLocked(batchId, causes.keySet().toArray(String[]::new))) {
            ActiveFacts.Cause cause = causes.get(line.recipientId());
            byFact.computeIfAbsent(cause.factId(), id -> new Stop(batchId, id, cause.kind(), new ArrayList<>()))
                    .lines().add(new BatchLinesStopped.Stopped(line.line(), line.recipientId(), line.amountFen()));
        }
        return List.copyOf(byFact.values());
    }
}
