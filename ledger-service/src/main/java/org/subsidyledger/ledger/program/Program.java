package org.subsidyledger.ledger.program;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.YearMonth;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.spring.stereotype.Aggregate;
import org.subsidyledger.contract.AuditMetadata;
import org.subsidyledger.contract.program.AnnualPlanSet;
import org.subsidyledger.contract.program.FundsReceived;
import org.subsidyledger.contract.program.MonthClosed;
import org.subsidyledger.contract.program.ProgramCreated;
import org.subsidyledger.ledger.program.ProgramCommands.CloseMonth;
import org.subsidyledger.ledger.program.ProgramCommands.CreateProgram;
import org.subsidyledger.ledger.program.ProgramCommands.RecordFundsReceived;
import org.subsidyledger.ledger.program.ProgramCommands.SetAnnualPlan;
import org.subsidyledger.contract.error.ErrorCode;
import org.subsidyledger.contract.error.LedgerException;

/**
 * A subsidy program (项目): its parameters, its annual plans and the funds received for each year. Value formats
 * (code, region, amounts) are checked at the edge; the aggregate guards the business ranges and uniqueness.
 */
@Aggregate
class Program {

    static final int MIN_YEAR = 2000;
    static final int MAX_YEAR = 2100;

    @AggregateIdentifier
    private String code;
    private final Map<Integer, PlanFigures> plans = new HashMap<>();
    private final Set<String> fundReferences = new HashSet<>();
    private YearMonth lastClosed;

    private record PlanFigures(long plannedRecipients, int plannedPayouts, long budgetFen, int version) {
    }

    protected Program() {
        // for Axon
    }

    /**
     * A program has at least the review levels its region requires, unless an ADMIN approves fewer with a reason
     * when creating it; the approval is recorded in the event.
     */
    @CommandHandler
    Program(CreateProgram command, @MetaDataValue(AuditMetadata.ACTOR) String actor,
            @MetaDataValue(AuditMetadata.ROLE) String role) {
        requireName(command.name());
        requirePositiveStandard(command.monthlyStandardFen());
        requireDeadlineDay(command.deadlineDay());
        requireReviewLevels(command.reviewLevels());
        requireAgeSupplements(command.ageSupplements());
        if (command.certificationMonths() < 0 || command.certificationMonths() > 60) {
            throw new LedgerException(ErrorCode.INVALID_PERIOD,
                    "certificationMonths must be 0 (no certification) to 60");
        }
        ProgramCreated.ReviewLevelsApproval approval = null;
        if (command.reviewLevels() < command.requiredReviewLevels()) {
            String reason = command.reviewLevelsReason() == null ? "" : command.reviewLevelsReason().strip();
            if (reason.isEmpty()) {
                throw new LedgerException(ErrorCode.REVIEW_LEVELS_BELOW_REQUIRED, "本地区要求 "
                        + command.requiredReviewLevels() + " 级审核，项目设 " + command.reviewLevels()
                        + " 级须经管理员批准：give reviewLevelsApproval {reason} to approve fewer review levels than "
                        + "region " + command.region() + " requires");
            }
            if (!"ADMIN".equals(role)) {
                throw new LedgerException(ErrorCode.SEGREGATION_OF_DUTIES,
                        "only an ADMIN may approve fewer review levels than the region requires");
            }
            if (reason.length() > 200) {
                throw new LedgerException(ErrorCode.TEXT_TOO_LONG, "reason is longer than 200 characters");
            }
            approval = new ProgramCreated.ReviewLevelsApproval(command.requiredReviewLevels(), reason, actor, role);
        }
        apply(new ProgramCreated(command.code(), command.name().strip(), command.region(),
                command.monthlyStandardFen(), command.deadlineDay(), command.reviewLevels(), approval,
                command.ageSupplements(), command.certificationMonths()));
    }

    private static void requireAgeSupplements(java.util.List<org.subsidyledger.contract.program.AgeSupplement> all) {
        java.util.Set<Integer> ages = new java.util.HashSet<>();
        for (org.subsidyledger.contract.program.AgeSupplement supplement : all) {
            if (supplement.fromAge() < 1 || supplement.fromAge() > 120 || supplement.amountFen() <= 0
                    || !ages.add(supplement.fromAge())) {
                throw new LedgerException(ErrorCode.INVALID_AGE_SUPPLEMENT, "age supplements need ages 1–120, each "
                        + "once, with a positive amount: " + supplement.fromAge());
            }
        }
    }

    /** Sets or corrects the plan of a year; setting the same figures again records nothing. */
    @CommandHandler
    void handle(SetAnnualPlan command) {
        requireYear(command.year());
        if (command.plannedRecipients() <= 0 || command.plannedPayouts() < 1 || command.plannedPayouts() > 12
                || command.budgetFen() < 0) {
            throw new LedgerException(ErrorCode.INVALID_PLAN,
                    "planned recipients must be positive, planned payouts 1–12 and the budget not negative");
        }
        PlanFigures current = plans.get(command.year());
        if (current != null && current.plannedRecipients() == command.plannedRecipients()
                && current.plannedPayouts() == command.plannedPayouts() && current.budgetFen() == command.budgetFen()) {
            return;
        }
        int version = current == null ? 1 : current.version() + 1;
        String reason = version == 1 ? null : (command.reason() == null || command.reason().isBlank()
                ? "plan replaced" : command.reason().strip());
        apply(new AnnualPlanSet(code, command.year(), command.plannedRecipients(), command.plannedPayouts(),
                command.budgetFen(), version, reason));
    }

    @CommandHandler
    void handle(RecordFundsReceived command) {
        requireYear(command.year());
        if (command.amountFen() <= 0) {
            throw new LedgerException(ErrorCode.INVALID_AMOUNT, "funds received must be a positive amount");
        }
        if (command.reference() == null || command.reference().isBlank()) {
            throw new LedgerException(ErrorCode.INVALID_REFERENCE, "the transfer reference is required");
        }
        String reference = command.reference().strip();
        if (fundReferences.contains(reference)) {
            throw new LedgerException(ErrorCode.DUPLICATE_FUNDS_REFERENCE,
                    "funds with reference '" + reference + "' are already recorded for program " + code);
        }
        apply(new FundsReceived(code, command.trancheId(), command.year(), command.amountFen(), command.receivedOn(),
                reference));
    }

    /** Closes a month: once, and in order — the month after the last one closed (any month, for the first close). */
    @CommandHandler
    void handle(CloseMonth command) {
        if (lastClosed != null && !command.month().isAfter(lastClosed)) {
            throw new LedgerException(ErrorCode.MONTH_ALREADY_CLOSED, "program " + code + " is closed through "
                    + lastClosed + "; " + command.month() + " is closed");
        }
        if (lastClosed != null && !command.month().equals(lastClosed.plusMonths(1))) {
            throw new LedgerException(ErrorCode.MONTH_CLOSE_OUT_OF_ORDER, "program " + code + " is closed through "
                    + lastClosed + "; close " + lastClosed.plusMonths(1) + " before " + command.month());
        }
        String reason = command.reason() == null || command.reason().isBlank() ? null : command.reason().strip();
        apply(new MonthClosed(code, command.month(), command.figures(), reason));
    }

    @EventSourcingHandler
    void on(MonthClosed event) {
        lastClosed = event.month();
    }

    @EventSourcingHandler
    void on(ProgramCreated event) {
        code = event.code();
    }

    @EventSourcingHandler
    void on(AnnualPlanSet event) {
        plans.put(event.year(), new PlanFigures(event.plannedRecipients(), event.plannedPayouts(), event.budgetFen(),
                event.planVersion()));
    }

    @EventSourcingHandler
    void on(FundsReceived event) {
        fundReferences.add(event.reference());
    }

    private static void requireName(String name) {
        if (name == null || name.isBlank() || name.strip().length() > 200) {
            throw new LedgerException(ErrorCode.INVALID_NAME, "the program name is required (at most 200 characters)");
        }
    }

    private static void requirePositiveStandard(long fen) {
        if (fen <= 0) {
            throw new LedgerException(ErrorCode.INVALID_AMOUNT, "the monthly standard must be positive");
        }
    }

    private static void requireDeadlineDay(int day) {
        if (day < 1 || day > 28) {
            throw new LedgerException(ErrorCode.INVALID_DEADLINE_DAY, "the deadline day must be 1–28, is " + day);
        }
    }

    private static void requireReviewLevels(int levels) {
        if (levels < 1 || levels > 3) {
            throw new LedgerException(ErrorCode.INVALID_REVIEW_LEVELS, "review levels must be 1–3, is " + levels);
        }
    }

    static void requireYear(int year) {
        if (year < MIN_YEAR || year > MAX_YEAR) {
            throw new LedgerException(ErrorCode.INVALID_YEAR, "year must be " + MIN_YEAR + "–" + MAX_YEAR);
        }
    }
}
