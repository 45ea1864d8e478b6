package org.subsidyledger.ledger.fact;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.LocalDate;
import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.subsidyledger.contract.AuditMetadata;
import org.subsidyledger.contract.fact.FactChangeApproved;
import org.subsidyledger.contract.fact.FactChangeProposed;
import org.subsidyledger.contract.fact.FactChangeRejected;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.subsidyledger.contract.fact.DeathRecorded;
import org.subsidyledger.contract.fact.DuplicateClaimRecorded;
import org.subsidyledger.contract.fact.EnrolmentEndRecorded;
import org.subsidyledger.contract.fact.FactCorrected;
import org.subsidyledger.contract.fact.FactKind;
import org.subsidyledger.contract.fact.FactRetracted;
import org.subsidyledger.contract.fact.SuspensionEnded;
import org.subsidyledger.contract.fact.SuspensionRecorded;
import org.subsidyledger.ledger.fact.FactCommands.CorrectFact;
import org.subsidyledger.ledger.fact.FactCommands.DecideFactChange;
import org.subsidyledger.ledger.fact.FactCommands.ProposeFactChange;
import org.subsidyledger.ledger.fact.FactCommands.EndSuspension;
import org.subsidyledger.ledger.fact.FactCommands.RecordDeath;
import org.subsidyledger.ledger.fact.FactCommands.RecordDuplicateClaim;
import org.subsidyledger.ledger.fact.FactCommands.RecordEnrolmentEnd;
import org.subsidyledger.ledger.fact.FactCommands.RecordSuspension;
import org.subsidyledger.ledger.fact.FactCommands.RetractFact;
import org.subsidyledger.contract.value.BusinessDates;
import org.subsidyledger.contract.error.ErrorCode;
import org.subsidyledger.contract.error.LedgerException;

/**
 * One fact about a recipient that makes months not due (rule 3, docs/rules.md): a death, a suspension, a duplicate claim or the
 * end of an enrolment. It is never changed: an open suspension is ended, a wrong date is corrected, a fact recorded
 * in error is retracted — each a new event with a reason. The aggregate keeps the fact's span (see
 * {@code NotDueMonths.of}) and checks that every change makes sense for its kind. A retraction or correction of a fact
 * behind a live overpayment case is proposed by one person and approved by another (docs/rules.md).
 */
@Aggregate
class LifeFact {

    private static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);
    private static final int MAX_TEXT = 200;

    @AggregateIdentifier
    private String factId;
    private String recipientId;
    private FactKind kind;
    private LocalDate from;
    private LocalDate to;
    private boolean retracted;
    /** The retraction or correction waiting for approval and who proposed it, or null. */
    private FactChangeProposed pendingChange;
    private String changeProposer;

    protected LifeFact() {
        // for Axon
    }

    @CommandHandler
    LifeFact(RecordDeath command) {
        apply(death(command));
    }

    /** The event recording a death, after its checks; also used by the bulk death comparison. */
    static DeathRecorded death(RecordDeath command) {
        checkSpan(FactKind.DEATH, command.dateOfDeath(), null);
        return new DeathRecorded(command.factId(), command.recipientId(), command.dateOfDeath(),
                text(command.source(), "source"), command.comparisonId(), command.comparisonLine());
    }

    @CommandHandler
    LifeFact(RecordSuspension command) {
        if (command.kind() == null) {
            throw new LedgerException(ErrorCode.INVALID_SUSPENSION_KIND,
                    "kind is required: IMPRISONMENT, LOST_CONTACT, QUALIFICATION_NOT_CONFIRMED or OTHER");
        }
        checkSpan(FactKind.SUSPENSION, command.from(), command.to());
        apply(new SuspensionRecorded(command.factId(), command.recipientId(), command.kind(), command.from(),
                command.to(), text(command.source(), "source")));
    }

    @CommandHandler
    LifeFact(RecordDuplicateClaim command) {
        if (command.from() == null || command.to() == null) {
            throw new LedgerException(ErrorCode.MISSING_VALUE, "from and to months are required");
        }
        checkSpan(FactKind.DUPLICATE_CLAIM, command.from().atDay(1), command.to().atDay(1));
        apply(new DuplicateClaimRecorded(command.factId(), command.recipientId(), command.programCode(),
                text(command.otherScheme(), "otherScheme"), command.from(), command.to()));
    }

    @CommandHandler
    LifeFact(RecordEnrolmentEnd command) {
        if (command.lastDueMonth() == null) {
            throw new LedgerException(ErrorCode.MISSING_VALUE, "lastDueMonth is required");
        }
        checkSpan(FactKind.ENROLMENT_END, command.lastDueMonth().atDay(1), null);
        apply(new EnrolmentEndRecorded(command.factId(), command.recipientId(), command.programCode(),
                command.lastDueMonth(), text(command.reason(), "reason")));
    }

    @CommandHandler
    void handle(EndSuspension command) {
        requireActive();
        if (kind != FactKind.SUSPENSION) {
            throw new LedgerException(ErrorCode.INVALID_CORRECTION, "fact " + factId + " is a " + kind
                    + ", not a suspension; only a suspension is ended by a release");
        }
        if (to != null) {
            throw new LedgerException(ErrorCode.SUSPENSION_ALREADY_ENDED, "suspension " + factId + " already ends on "
                    + to + "; correct its dates instead");
        }
        checkSpan(FactKind.SUSPENSION, from, command.endedOn());
        apply(new SuspensionEnded(factId, recipientId, command.endedOn(), text(command.source(), "source")));
    }

    @CommandHandler
    void handle(RetractFact command) {
        requireActive();
        requireNoPendingChange();
        apply(retraction(command.reason()));
    }

    @CommandHandler
    void handle(CorrectFact command) {
        requireActive();
        requireNoPendingChange();
        apply(correction(command.from(), command.to(), command.reason()));
    }

    /** A retraction or correction of a fact behind a live case waits for a second person (docs/rules.md). */
    @CommandHandler
    void handle(ProposeFactChange command) {
        requireActive();
        requireNoPendingChange();
        if (command.change() == null) {
            throw new LedgerException(ErrorCode.MISSING_VALUE, "change must be RETRACTION or CORRECTION");
        }
        String reason = text(command.reason(), "reason");
        if (command.change() == FactChangeProposed.Change.CORRECTION) {
            correction(command.from(), command.to(), reason);
            apply(new FactChangeProposed(factId, recipientId, kind, command.changeId(), command.change(),
                    command.from(), command.to(), reason));
        } else {
            apply(new FactChangeProposed(factId, recipientId, kind, command.changeId(), command.change(), null, null,
                    reason));
        }
    }

    /** Approving applies the change to the fact as it is now, with the checks a direct change has. */
    @CommandHandler
    void handle(DecideFactChange command, @MetaDataValue(AuditMetadata.ACTOR) String actor) {
        if (pendingChange == null || !pendingChange.changeId().equals(command.changeId())) {
            throw new LedgerException(ErrorCode.UNKNOWN_FACT_CHANGE, "fact " + factId + " has no change "
                    + command.changeId() + " waiting for approval");
        }
        if (actor == null || actor.equals(changeProposer)) {
            throw new LedgerException(ErrorCode.SEGREGATION_OF_DUTIES, "撤回或更正须由申请人以外的人审批：a "
                    + "retraction or correction must be approved by someone other than its proposer");
        }
        if (command.decision() == null) {
            throw new LedgerException(ErrorCode.INVALID_DECISION, "decision must be APPROVE or REJECT");
        }
        if (command.decision() == FactCommands.Decision.REJECT) {
            apply(new FactChangeRejected(factId, command.changeId(), text(command.comment(), "comment")));
            return;
        }
        requireActive();
        Object change = pendingChange.change() == FactChangeProposed.Change.RETRACTION
                ? retraction(pendingChange.reason())
                : correction(pendingChange.from(), pendingChange.to(), pendingChange.reason());
        String comment = command.comment() == null || command.comment().isBlank() ? null : command.comment().strip();
        apply(new FactChangeApproved(factId, command.changeId(), comment));
        apply(change);
    }

    private FactRetracted retraction(String reason) {
        return new FactRetracted(factId, recipientId, kind, text(reason, "reason"));
    }

    private FactCorrected correction(LocalDate newFrom, LocalDate newTo, String rawReason) {
        String reason = text(rawReason, "reason");
        checkSpan(kind, newFrom, newTo);
        if (Objects.equals(newFrom, from) && Objects.equals(newTo, to)) {
            throw new LedgerException(ErrorCode.NOTHING_TO_CORRECT, "fact " + factId + " already has these dates");
        }
        return new FactCorrected(factId, recipientId, kind, newFrom, newTo, from, to, reason);
    }

    private void requireNoPendingChange() {
        if (pendingChange != null) {
            throw new LedgerException(ErrorCode.FACT_CHANGE_PENDING, "事实 " + factId + " 已有待审批的撤回或更正 "
                    + pendingChange.changeId() + "：approve or reject it first");
        }
    }

    @EventSourcingHandler
    void on(DeathRecorded event) {
        created(event.factId(), event.recipientId(), FactKind.DEATH, event.dateOfDeath(), null);
    }

    @EventSourcingHandler
    void on(SuspensionRecorded event) {
        created(event.factId(), event.recipientId(), FactKind.SUSPENSION, event.from(), event.to());
    }

    @EventSourcingHandler
    void on(DuplicateClaimRecorded event) {
        created(event.factId(), event.recipientId(), FactKind.DUPLICATE_CLAIM, event.from().atDay(1),
                event.to().atDay(1));
    }

    @EventSourcingHandler
    void on(EnrolmentEndRecorded event) {
        created(event.factId(), event.recipientId(), FactKind.ENROLMENT_END, event.lastDueMonth().atDay(1), null);
    }

    @EventSourcingHandler
    void on(SuspensionEnded event) {
        to = event.endedOn();
    }

    @EventSourcingHandler
    void on(FactCorrected event) {
        from = event.from();
        to = event.to();
    }

    @EventSourcingHandler
    void on(FactRetracted event) {
        retracted = true;
        pendingChange = null;
    }

    @EventSourcingHandler
    void on(FactChangeProposed event, @MetaDataValue(AuditMetadata.ACTOR) String actor) {
        pendingChange = event;
        changeProposer = actor;
    }

    @EventSourcingHandler
    void on(FactChangeApproved event) {
        pendingChange = null;
    }

    @EventSourcingHandler
    void on(FactChangeRejected event) {
        pendingChange = null;
    }

    private void created(String factId, String recipientId, FactKind kind, LocalDate from, LocalDate to) {
        this.factId = factId;
        this.recipientId = recipientId;
        this.kind = kind;
        this.from = from;
        this.to = to;
    }

    private void requireActive() {
        if (retracted) {
            throw new LedgerException(ErrorCode.FACT_RETRACTED, "fact " + factId + " was retracted");
        }
    }

    /** The span must make sense for its kind; facts are about the past, only the end of a span may lie ahead. */
    static void checkSpan(FactKind kind, LocalDate from, LocalDate to) {
        if (from == null) {
            throw new LedgerException(ErrorCode.MISSING_VALUE, switch (kind) {
                case DEATH -> "dateOfDeath is required";
                case ENROLMENT_END -> "lastDueMonth is required";
                default -> "from is required";
            });
        }
        if (from.isBefore(EARLIEST)) {
            throw new LedgerException(ErrorCode.INVALID_DATE, from + " is before " + EARLIEST);
        }
        LocalDate today = BusinessDates.today();
        switch (kind) {
            case DEATH -> {
                if (from.isAfter(today)) {
                    throw new LedgerException(ErrorCode.INVALID_DATE, "date of death " + from + " is in the future");
                }
                noEnd(kind, to);
            }
            case SUSPENSION -> {
                if (from.isAfter(today)) {
                    throw new LedgerException(ErrorCode.INVALID_DATE, "a suspension is recorded once it has begun; "
                            + from + " is in the future");
                }
                if (to != null && to.isBefore(from)) {
                    throw new LedgerException(ErrorCode.INVALID_PERIOD, "the suspension ends (" + to
                            + ") before it begins (" + from + ")");
                }
            }
            case DUPLICATE_CLAIM -> {
                if (to == null) {
                    throw new LedgerException(ErrorCode.MISSING_VALUE, "to is required");
                }
                if (from.getDayOfMonth() != 1 || to.getDayOfMonth() != 1) {
                    throw new LedgerException(ErrorCode.INVALID_PERIOD, "a duplicate claim is given in months");
                }
                if (to.isBefore(from)) {
                    throw new LedgerException(ErrorCode.INVALID_PERIOD, "the duplicate claim ends (" + to
                            + ") before it begins (" + from + ")");
                }
                if (from.isAfter(today)) {
                    throw new LedgerException(ErrorCode.INVALID_PERIOD, "the duplicate claim begins in the future");
                }
            }
            case ENROLMENT_END -> {
                if (from.getDayOfMonth() != 1) {
                    throw new LedgerException(ErrorCode.INVALID_PERIOD, "the last due month is a month");
                }
                noEnd(kind, to);
            }
        }
    }

    private static void noEnd(FactKind kind, LocalDate to) {
        if (to != null) {
            throw new LedgerException(ErrorCode.INVALID_CORRECTION, "a " + kind + " has no end date");
        }
    }

    private static String text(String value, String field) {
        String text = value == null ? "" : value.strip();
        if (text.isEmpty()) {
            throw new LedgerException(ErrorCode.MISSING_VALUE, field + " is required");
        }
        if (text.length() > MAX_TEXT) {
            throw new LedgerException(ErrorCode.TEXT_TOO_LONG, field + " is longer than " + MAX_TEXT + " characters");
        }
        return text;
    }
}
