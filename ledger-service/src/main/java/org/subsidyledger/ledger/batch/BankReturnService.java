package org.subsidyledger.ledger.batch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.subsidyledger.ledger.tabular.CellProblem;
import org.subsidyledger.contract.batch.BankReturnsRecorded;
import org.subsidyledger.contract.value.InvalidValueException;
import org.subsidyledger.contract.value.RecipientId;
import org.subsidyledger.ledger.infrastructure.AuditedCommands;
import org.subsidyledger.ledger.security.Actor;
import org.subsidyledger.contract.error.ErrorCode;
import org.subsidyledger.contract.error.LedgerException;
import org.subsidyledger.contract.error.RowsRejectedException;

/**
 * Records bank returns (退票) of a disbursed batch. Each line must name a recipient paid by that batch and not yet
 * returned; the lines are locked while checked, so two return files cannot return one line twice. The valid lines
 * are recorded together; invalid ones are listed in the answer. Who may record them, and with what evidence, the
 * {@link Batch} decides (docs/rules.md, segregation of duties).
 */
@Service
public class BankReturnService {

    /** What was recorded: how many lines were returned, for what total, and which lines were refused. */
    public record Outcome(int returned, long returnedTotalFen, List<LineProblem> rejected) {
    }

    private record PaidLine(int line, long amountFen, String state) {
    }

    private final JdbcTemplate jdbc;
    private final AuditedCommands commands;
    private final List<PaymentsReturnedListener> listeners;
    private final Duration clerkWindow;
    private final org.subsidyledger.ledger.enrolment.Enrolments enrolments;

    BankReturnService(JdbcTemplate jdbc, AuditedCommands commands, List<PaymentsReturnedListener> listeners,
                      @Value("${ledger.returns.clerk-window:30d}") Duration clerkWindow,
                      org.subsidyledger.ledger.enrolment.Enrolments enrolments) {
        if (clerkWindow.isNegative()) {
            throw new IllegalStateException("ledger.returns.clerk-window must not be negative, is " + clerkWindow);
        }
        this.jdbc = jdbc;
        this.commands = commands;
        this.listeners = listeners;
        this.clerkWindow = clerkWindow;
        this.enrolments = enrolments;
    }

    /**
     * @param reference the bank's return notice number (evidence), or null: required once the clerks' window after
     *                  the disbursement ({@code ledger.returns.clerk-window}) has passed
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Outcome record(String batchId, String source, String reference, List<ReturnCandidate> candidates,
                          Actor actor) {
        Map<String, PaidLine> lines = new HashMap<>();
        jdbc.query("SELECT recipient_id, line, amount_fen, state FROM payout_line_index WHERE batch_id = ? FOR UPDATE",
                rs -> {
                    lines.put(rs.getString(1), new PaidLine(rs.getInt(2), rs.getLong(3), rs.getString(4)));
                }, batchId);
        if (lines.isEmpty()) {
            throw new LedgerException(ErrorCode.UNKNOWN_BATCH, "no batch " + batchId);
        }
        // A user scoped to regions meets the lines of recipients outside them as lines the batch does not have.
        org.subsidyledger.projections.port.AccessScope scope = org.subsidyledger.projections.port.AccessScope.current();
        java.util.Set<String> outside = !scope.scoped() ? java.util.Set.of() : enrolments.outside(jdbc.queryForObject(
                "SELECT program_code FROM payout_line_index WHERE batch_id = ? LIMIT 1", String.class, batchId),
                List.copyOf(lines.keySet()), scope.regions());
        List<LineProblem> rejected = new ArrayList<>();
        List<BankReturnsRecorded.Returned> accepted = new ArrayList<>();
        Map<String, Integer> firstLine = new HashMap<>();
        for (ReturnCandidate candidate : candidates) {
            try {
                CellProblem.raise(candidate.problem());
                String id = RecipientId.parse(candidate.recipientId()).value();
                if (candidate.batchId() != null && !candidate.batchId().isBlank()
                        && !candidate.batchId().strip().equalsIgnoreCase(batchId)) {
                    throw new LedgerException(ErrorCode.BATCH_MISMATCH, "the line names batch "
                            + candidate.batchId().strip() + ", but this return is for batch " + batchId);
                }
                String reason = candidate.reason() == null ? "" : candidate.reason().strip();
                if (reason.isEmpty()) {
                    throw new LedgerException(ErrorCode.MISSING_VALUE, "the bank's reason is missing");
                }
                Integer earlier = firstLine.putIfAbsent(id, candidate.line());
                if (earlier != null) {
                    throw new LedgerException(ErrorCode.DUPLICATE_IN_FILE,
                            "recipient " + id + " is already on line " + earlier);
                }
                PaidLine paid = outside.contains(id) ? null : lines.get(id);
                if (paid != null && paid.state().equals("STOPPED")) {
                    throw new LedgerException(ErrorCode.NOT_IN_BATCH, "the line of recipient " + id + " in batch "
                            + batchId + " was stopped before disbursement; it was not paid");
                }
                if (paid == null || paid.state().equals("WITHDRAWN") || outside.contains(id)) {
                    throw new LedgerException(ErrorCode.NOT_IN_BATCH, "recipient " + id + " is not paid by batch "
                            + batchId);
                }
                if (paid.state().equals("RETURNED")) {
                    throw new LedgerException(ErrorCode.ALREADY_RETURNED, "the line of recipient " + id
                            + " in batch " + batchId + " was already returned");
                }
                if (paid.state().equals("PENDING")) {
                    throw new LedgerException(ErrorCode.INVALID_BATCH_STATE,
                            "batch " + batchId + " is not disbursed yet; the bank cannot return its lines");
                }
                accepted.add(new BankReturnsRecorded.Returned(candidate.line(), id, paid.line(), paid.amountFen(),
                        reason));
            } catch (InvalidValueException e) {
                rejected.add(new LineProblem(candidate.line(), candidate.recipientId(), e.code().name(),
                        e.getMessage()));
            } catch (LedgerException e) {
                if (e.code() == ErrorCode.INVALID_BATCH_STATE) {
                    throw e;
                }
                rejected.add(new LineProblem(candidate.line(), candidate.recipientId(), e.code().name(),
                        e.getMessage()));
            }
        }
        rejected.sort(Comparator.comparingInt(LineProblem::line));
        if (accepted.isEmpty()) {
            throw new RowsRejectedException(rejected);
        }
        commands.send(new BatchCommands.RecordBankReturns(batchId, source, accepted, reference,
                clerkWindow.toDays()), actor);
        List<String> returned = accepted.stream().map(BankReturnsRecorded.Returned::recipientId).toList();
        listeners.forEach(listener -> listener.returned(batchId, returned, actor));
        long total = accepted.stream().mapToLong(BankReturnsRecorded.Returned::amountFen).sum();
        return new Outcome(accepted.size(), total, rejected);
    }
}
