package org.subsidyledger.ledger.fact;

import org.subsidyledger.ledger.program.Programs;
import org.subsidyledger.ledger.enrolment.Enrolments;
import java.sql.Date;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.subsidyledger.contract.fact.FactChangeProposed;
import org.subsidyledger.contract.fact.FactKind;
import org.subsidyledger.contract.fact.NotDueMonths;
import org.subsidyledger.contract.fact.SuspensionKind;
import org.subsidyledger.contract.value.PersonalData;
import org.subsidyledger.contract.value.RecipientId;
import org.subsidyledger.ledger.infrastructure.AuditedCommands;
import org.subsidyledger.ledger.infrastructure.Failures;
import org.subsidyledger.ledger.overpayment.OverpaymentDetector;
import org.subsidyledger.ledger.security.Actor;
import org.subsidyledger.contract.error.ErrorCode;
import org.subsidyledger.contract.error.LedgerException;

/**
 * Records life events one at a time and, in the same transaction, stops the lines and opens, adjusts or cancels
 * the overpayment cases they imply ({@link OverpaymentDetector}). Rules across facts are checked here against
 * {@code life_fact_index}: a recipient dies once (the same death again is answered with the fact already recorded,
 * another date is a conflict to be corrected), an enrolment ends once, and an identical suspension or duplicate
 * claim is the fact already recorded. Two clerks recording the same death at once are kept apart by the index's
 * unique key; the loser gets {@code CONCURRENT_MODIFICATION} and its retry finds the fact. A retraction or correction
 * of a fact behind a live overpayment case is a proposal another person approves (docs/rules.md, segregation of
 * duties).
 */
@Service
public class FactService {

    /**
     * The fact (new or already recorded) and what recording it did to lines and cases; for a retraction or correction
     * that waits for a second person, or its decision, the change and its state (null otherwise).
     */
    public record Recorded(String factId, FactKind kind, String recipientId, boolean alreadyRecorded,
                           OverpaymentDetector.Result detection, String changeId, ChangeState change) {

        Recorded(String factId, FactKind kind, String recipientId, boolean alreadyRecorded,
                 OverpaymentDetector.Result detection) {
            this(factId, kind, recipientId, alreadyRecorded, detection, null, null);
        }
    }

    /** A proposed retraction or correction: waiting for approval, then approved (and applied) or rejected. */
    public enum ChangeState { PROPOSED, APPROVED, REJECTED }

    record KnownFact(String factId, String recipientId, FactKind kind, String programCode, LocalDate from,
                     LocalDate to, String detail) {
    }

    private final JdbcTemplate jdbc;
    private final Programs programs;
    private final Enrolments enrolments;
    private final AuditedCommands commands;
    private final OverpaymentDetector detector;
    private final EventStore events;
    private final org.subsidyledger.ledger.standard.WithholdingRelease withholdings;

    FactService(JdbcTemplate jdbc, Programs programs, Enrolments enrolments, AuditedCommands commands,
                OverpaymentDetector detector, EventStore events,
                org.subsidyledger.ledger.standard.WithholdingRelease withholdings) {
        this.events = events;
        this.withholdings = withholdings;
        this.jdbc = jdbc;
        this.programs = programs;
        this.enrolments = enrolments;
        this.commands = commands;
        this.detector = detector;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public Recorded recordDeath(String rawId, LocalDate dateOfDeath, String source, Actor actor) {
        String recipientId = enrolledRecipient(rawId, null);
        Optional<KnownFact> death = active(recipientId, FactKind.DEATH, null).stream().findFirst();
        if (death.isPresent()) {
            if (death.get().from().equals(dateOfDeath)) {
                return already(death.get());
            }
            throw new LedgerException(ErrorCode.DEATH_ALREADY_RECORDED, "the death of "
                    + PersonalData.maskId(recipientId) + " is already recorded on " + death.get().from() + " (fact " + death.get().factId()
                    + "); correct that fact's date instead");
        }
        String factId = UUID.randomUUID().toString();
        return record(factId, FactKind.DEATH, recipientId, () -> new FactCommands.RecordDeath(factId, recipientId,
                dateOfDeath, source, null, null), "death of " + recipientId + " on " + dateOfDeath, actor);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public Recorded recordSuspension(String rawId, String kind, LocalDate from, LocalDate to, String source,
                                     Actor actor) {
        String recipientId = enrolledRecipient(rawId, null);
        SuspensionKind suspensionKind = suspensionKind(kind);
        for (KnownFact known : active(recipientId, FactKind.SUSPENSION, null)) {
            if (known.detail().equals(suspensionKind.name()) && known.from().equals(from)
                    && Objects.equals(known.to(), to)) {
                return already(known);
            }
        }
        String factId = UUID.randomUUID().toString();
        return record(factId, FactKind.SUSPENSION, recipientId, () -> new FactCommands.RecordSuspension(factId,
                recipientId, suspensionKind, from, to, source), "suspension of " + recipientId + " from " + from,
                actor);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public Recorded recordDuplicateClaim(String rawId, String programCode, String otherScheme, YearMonth from,
                                         YearMonth to, Actor actor) {
        String program = requireProgram(programCode);
        String recipientId = enrolledRecipient(rawId, program);
        for (KnownFact known : active(recipientId, FactKind.DUPLICATE_CLAIM, program)) {
            if (from != null && to != null && known.from().equals(from.atDay(1)) && known.to().equals(to.atDay(1))
                    && known.detail().equals(otherScheme == null ? null : otherScheme.strip())) {
                return already(known);
            }
        }
        String factId = UUID.randomUUID().toString();
        return record(factId, FactKind.DUPLICATE_CLAIM, recipientId, () -> new FactCommands.RecordDuplicateClaim(
                factId, recipientId, program, otherScheme, from, to), "duplicate claim of " + recipientId, actor);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public Recorded recordEnrolmentEnd(String rawId, String programCode, YearMonth lastDueMonth, String reason,
                                       Actor actor) {
        String program = requireProgram(programCode);
        String recipientId = enrolledRecipient(rawId, program);
        Optional<KnownFact> ended = active(recipientId, FactKind.ENROLMENT_END, program).stream().findFirst();
        if (ended.isPresent()) {
            if (lastDueMonth != null && ended.get().from().equals(lastDueMonth.atDay(1))) {
                return already(ended.get());
            }
            throw new LedgerException(ErrorCode.ENROLMENT_ALREADY_ENDED, "the enrolment of "
                    + PersonalData.maskId(recipientId) + " in "
                    + program + " already ends after " + YearMonth.from(ended.get().from()) + " (fact "
                    + ended.get().factId() + "); correct that fact instead");
        }
        String factId = UUID.randomUUID().toString();
        return record(factId, FactKind.ENROLMENT_END, recipientId, () -> new FactCommands.RecordEnrolmentEnd(factId,
                recipientId, program, lastDueMonth, reason), "end of enrolment of " + recipientId + " in " + program,
                actor);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public Recorded endSuspension(String factId, LocalDate endedOn, String source, Actor actor) {
        KnownFact fact = known(factId);
        Recorded recorded = change(fact, new FactCommands.EndSuspension(factId, endedOn, source),
                "suspension " + factId + " ended on " + endedOn, actor);
        if (org.subsidyledger.contract.fact.SuspensionKind.withholds(fact.detail())) {
            // Rule 10: the months withheld that are still due become arrears.
            NotDueMonths.of(FactKind.SUSPENSION, fact.from(), endedOn).ifPresent(months -> withholdings.release(
                    fact.recipientId(), null, months.first(), months.last(), factId, actor));
        }
        return recorded;
    }

    /**
     * Retracts a fact recorded in error — at once when no live overpayment case rests on it; otherwise as a proposal
     * that another person approves ({@link #decideChange}).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Recorded retract(String factId, String reason, Actor actor) {
        KnownFact fact = known(factId);
        if (!detector.liveCasesOf(factId).isEmpty()) {
            return propose(fact, FactChangeProposed.Change.RETRACTION, null, null, reason, actor);
        }
        return change(fact, new FactCommands.RetractFact(factId, reason), retractedBecause(factId, reason), actor);
    }

    /** Corrects a fact's dates — at once, or as a proposal when a live overpayment case rests on it. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Recorded correct(String factId, LocalDate from, LocalDate to, String reason, Actor actor) {
        KnownFact fact = known(factId);
        requireNoOtherDeath(fact, from);
        if (!detector.liveCasesOf(factId).isEmpty()) {
            return propose(fact, FactChangeProposed.Change.CORRECTION, from, to, reason, actor);
        }
        return change(fact, new FactCommands.CorrectFact(factId, from, to, reason),
                correctedBecause(factId, reason), actor);
    }

    /**
     * Approves (by someone other than the proposer) or rejects a proposed retraction or correction; an approval
     * applies it to the fact and the cases as they are now, as a direct retraction or correction would.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Recorded decideChange(String factId, String changeId, FactCommands.Decision decision, String comment,
                                 Actor actor) {
        KnownFact fact = known(factId);
        FactChangeProposed proposal = proposal(factId, changeId);
        if (decision == FactCommands.Decision.APPROVE && proposal.change() == FactChangeProposed.Change.CORRECTION) {
            requireNoOtherDeath(fact, proposal.from());
        }
        send(new FactCommands.DecideFactChange(factId, changeId, decision, comment), actor);
        if (decision != FactCommands.Decision.APPROVE) {
            return new Recorded(fact.factId(), fact.kind(), fact.recipientId(), false,
                    new OverpaymentDetector.Result(0, List.of()), changeId, ChangeState.REJECTED);
        }
        String why = proposal.change() == FactChangeProposed.Change.RETRACTION
                ? retractedBecause(factId, proposal.reason()) : correctedBecause(factId, proposal.reason());
        return new Recorded(fact.factId(), fact.kind(), fact.recipientId(), false,
                detector.reconcile(List.of(fact.recipientId()), why, actor), changeId, ChangeState.APPROVED);
    }

    private Recorded propose(KnownFact fact, FactChangeProposed.Change change, LocalDate from, LocalDate to,
                             String reason, Actor actor) {
        String changeId = UUID.randomUUID().toString();
        send(new FactCommands.ProposeFactChange(fact.factId(), changeId, change, from, to, reason), actor);
        return new Recorded(fact.factId(), fact.kind(), fact.recipientId(), false,
                new OverpaymentDetector.Result(0, List.of()), changeId, ChangeState.PROPOSED);
    }

    /** The proposal waiting on the fact, from its events (a fact has a handful). */
    private FactChangeProposed proposal(String factId, String changeId) {
        FactChangeProposed found = null;
        var stream = events.readEvents(factId);
        while (stream.hasNext()) {
            Object payload = stream.next().getPayload();
            if (payload instanceof FactChangeProposed proposed && proposed.changeId().equals(changeId)) {
                found = proposed;
            }
        }
        if (found == null) {
            throw new LedgerException(ErrorCode.UNKNOWN_FACT_CHANGE, "fact " + factId + " has no change " + changeId
                    + " waiting for approval");
        }
        return found;
    }

    private void requireNoOtherDeath(KnownFact fact, LocalDate from) {
        if (fact.kind() == FactKind.DEATH && from != null) {
            active(fact.recipientId(), FactKind.DEATH, null).stream()
                    .filter(other -> !other.factId().equals(fact.factId())).findFirst().ifPresent(other -> {
                        throw new LedgerException(ErrorCode.DEATH_ALREADY_RECORDED, "another death of "
                                + PersonalData.maskId(fact.recipientId()) + " is recorded (fact " + other.factId() + ")");
                    });
        }
    }

    private static String retractedBecause(String factId, String reason) {
        return "fact " + factId + " retracted: " + (reason == null ? "" : reason.strip());
    }

    private static String correctedBecause(String factId, String reason) {
        return "fact " + factId + " corrected: " + (reason == null ? "" : reason.strip());
    }

    /** The fact, whether active or retracted; {@code UNKNOWN_FACT} if there is none. */
    public KnownFact known(String factId) {
        return jdbc.query("""
                        SELECT fact_id, recipient_id, kind, program_code, from_date, to_date, detail
                        FROM life_fact_index WHERE fact_id = ?""", FactService::knownFact, factId)
                .stream().findFirst()
                .orElseThrow(() -> new LedgerException(ErrorCode.UNKNOWN_FACT, "no fact " + factId));
    }

    private Recorded record(String factId, FactKind kind, String recipientId, Supplier<Object> command, String what,
                            Actor actor) {
        send(command.get(), actor);
        return new Recorded(factId, kind, recipientId, false,
                detector.reconcile(List.of(recipientId), what, actor));
    }

    private Recorded change(KnownFact fact, Object command, String reason, Actor actor) {
        send(command, actor);
        return new Recorded(fact.factId(), fact.kind(), fact.recipientId(), false,
                detector.reconcile(List.of(fact.recipientId()), reason, actor));
    }

    private Recorded already(KnownFact fact) {
        return new Recorded(fact.factId(), fact.kind(), fact.recipientId(), true,
                new OverpaymentDetector.Result(0, List.of()));
    }

    private void send(Object command, Actor actor) {
        try {
            commands.send(command, actor);
        } catch (RuntimeException e) {
            if (Failures.isDuplicateKey(e)) {
                throw new LedgerException(ErrorCode.CONCURRENT_MODIFICATION,
                        "the same fact was recorded by another request at the same moment; nothing was recorded");
            }
            throw e;
        }
    }

    private List<KnownFact> active(String recipientId, FactKind kind, String programCode) {
        return jdbc.query("""
                        SELECT fact_id, recipient_id, kind, program_code, from_date, to_date, detail
                        FROM life_fact_index
                        WHERE recipient_id = ? AND kind = ? AND state = 'ACTIVE'
                          AND (CAST(? AS varchar) IS NULL OR program_code = ?)
                        ORDER BY recorded_order""", FactService::knownFact, recipientId, kind.name(), programCode,
                programCode);
    }

    private static KnownFact knownFact(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        Date to = rs.getDate(6);
        return new KnownFact(rs.getString(1), rs.getString(2), FactKind.valueOf(rs.getString(3)), rs.getString(4),
                rs.getDate(5).toLocalDate(), to == null ? null : to.toLocalDate(), rs.getString(7));
    }

    /** The normalised ID of a recipient enrolled in {@code programCode} (or in any program when null). */
    private String enrolledRecipient(String rawId, String programCode) {
        String id = RecipientId.parse(rawId).value();
        List<String> enrolled = enrolments.programsOf(id);
        if (enrolled.isEmpty()) {
            throw new LedgerException(ErrorCode.UNKNOWN_RECIPIENT, "recipient " + PersonalData.maskId(id)
                    + " is not enrolled anywhere");
        }
        if (programCode != null && !enrolled.contains(programCode)) {
            throw new LedgerException(ErrorCode.NOT_ENROLLED, "recipient " + PersonalData.maskId(id)
                    + " is not enrolled in "
                    + programCode);
        }
        return id;
    }

    private String requireProgram(String programCode) {
        if (programCode == null || programCode.isBlank()) {
            throw new LedgerException(ErrorCode.MISSING_VALUE, "program is required");
        }
        String code = programCode.strip();
        if (programs.terms(code).isEmpty()) {
            throw new LedgerException(ErrorCode.UNKNOWN_PROGRAM, "program " + code + " does not exist");
        }
        return code;
    }

    private static SuspensionKind suspensionKind(String kind) {
        if (kind == null || kind.isBlank()) {
            throw new LedgerException(ErrorCode.INVALID_SUSPENSION_KIND,
                    "kind is required: IMPRISONMENT, LOST_CONTACT, QUALIFICATION_NOT_CONFIRMED or OTHER");
        }
        try {
            return SuspensionKind.valueOf(kind.strip().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new LedgerException(ErrorCode.INVALID_SUSPENSION_KIND, "unknown suspension kind '" + kind.strip()
                    + "': IMPRISONMENT, LOST_CONTACT, QUALIFICATION_NOT_CONFIRMED or OTHER");
        }
    }
}
