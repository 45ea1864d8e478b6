package org.subsidyledger.ledger.program;

import java.net.URI;
import java.time.LocalDate;
import java.time.YearMonth;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.subsidyledger.contract.program.MonthClosed;
import org.subsidyledger.contract.value.Money;
import org.subsidyledger.contract.value.Periods;
import org.subsidyledger.contract.value.ProgramCode;
import org.subsidyledger.ledger.idempotency.IdempotentRequests;
import org.subsidyledger.ledger.security.CurrentActor;
import org.subsidyledger.ledger.web.Created;
import org.subsidyledger.ledger.security.Role;

/**
 * Commands on programs: create, set the annual plan, record funds received, close a month. Reads are in the
 * projections.
 */
@RestController
@RequestMapping("/api/v1/programs")
class ProgramController {

    private final ProgramService programs;
    private final CurrentActor currentActor;
    private final IdempotentRequests idempotent;
    private final MonthCloseService monthClose;

    ProgramController(ProgramService programs, CurrentActor currentActor, IdempotentRequests idempotent,
                      MonthCloseService monthClose) {
        this.programs = programs;
        this.currentActor = currentActor;
        this.idempotent = idempotent;
        this.monthClose = monthClose;
    }

    /**
     * Amounts in 元 as strings ({@code "120.00"}). {@code reviewLevelsApproval}: the ADMIN's approval of fewer review
     * levels than the region requires, with a reason.
     */
    record CreateProgramRequest(String code, String name, String region, String monthlyStandard,
                                Integer deadlineDay, Integer reviewLevels, ReviewLevelsApproval reviewLevelsApproval,
                                java.util.List<AgeSupplementRequest> ageSupplements, Integer certificationMonths) {
    }

    /** From the month after the {@code fromAge}th birthday, {@code amount} (元) is added to the standard. */
    record AgeSupplementRequest(Integer fromAge, String amount) {
    }

    record ReviewLevelsApproval(String reason) {
    }

    record AnnualPlanRequest(Long plannedRecipients, Integer plannedPayouts, String budget, String reason) {
    }

    /** {@code year} defaults to the year of {@code receivedOn}. */
    record FundsRequest(String amount, String receivedOn, String reference, Integer year) {
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Create a program")
    @PostMapping
    @PreAuthorize("hasRole('ADMIN')")
    @Created
    ResponseEntity<ProgramRef> create(@RequestBody CreateProgramRequest request) {
        ProgramCode code = programs.create(request.code(), request.name(), request.region(),
                request.monthlyStandard(), request.deadlineDay(), request.reviewLevels(),
                request.reviewLevelsApproval() == null ? null : request.reviewLevelsApproval().reason(),
                request.ageSupplements() == null ? java.util.List.of() : request.ageSupplements().stream()
                        .map(s -> java.util.Map.entry(s.fromAge() == null ? 0 : s.fromAge(),
                                s.amount() == null ? "" : s.amount())).toList(),
                request.certificationMonths(), currentActor.actingAs(Role.ADMIN));
        return ResponseEntity.created(URI.create("/api/v1/programs/" + code)).body(new ProgramRef(code.value()));
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Set or revise a program's annual plan")
    @PutMapping("/{code}/plans/{year}")
    @PreAuthorize("hasAnyRole('ADMIN', 'FINANCE')")
    PlanSet setPlan(@PathVariable String code, @PathVariable int year,
                                @RequestBody AnnualPlanRequest request) {
        programs.setPlan(code, year, request.plannedRecipients(), request.plannedPayouts(), request.budget(),
                request.reason(), currentActor.actingAs(Role.FINANCE, Role.ADMIN));
        return new PlanSet(code, year);
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Record funds received (资金到位)")
    @PostMapping("/{code}/funds")
    @PreAuthorize("hasRole('FINANCE')")
    @Created
    ResponseEntity<FundsRecorded> recordFunds(@PathVariable String code, @RequestBody FundsRequest request,
                                       @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        Money amount = Money.parsePositiveYuan(request.amount());
        LocalDate receivedOn = Periods.parseDate(request.receivedOn());
        int year = request.year() == null ? receivedOn.getYear() : request.year();
        return idempotent.run("funds:" + code, key, request, FundsRecorded.class, () -> {
            String trancheId = programs.recordFunds(code, year, amount, receivedOn, request.reference(),
                    currentActor.actingAs(Role.FINANCE));
            return new IdempotentRequests.Response<>(201, new FundsRecorded(trancheId, code, year,
                    amount.toString()));
        });
    }

    record CloseMonthRequest(String reason) {
    }

    record ProgramRef(String code) {
    }

    record PlanSet(String program, int year) {
    }

    /** A funds tranche recorded; {@code amount} in 元. */
    record FundsRecorded(String trancheId, String program, int year, String amount) {
    }

    /**
     * Closes a month (月结): seals its payment figures as the indicator table gives them now. Refused while a batch
     * of the month is still in the workflow, for a month not yet begun, twice, or out of order.
     */
    @io.swagger.v3.oas.annotations.Operation(summary = "Close a month and seal its figures (月结)")
    @PostMapping("/{code}/months/{month}/close")
    @PreAuthorize("hasAnyRole('FINANCE', 'ADMIN')")
    @Created
    ResponseEntity<ClosedMonth> closeMonth(@PathVariable String code, @PathVariable String month,
                                           @RequestBody(required = false) CloseMonthRequest request) {
        YearMonth closing = Periods.parseMonth(month);
        MonthClosed.Figures sealed = monthClose.close(code, closing, request == null ? null : request.reason(),
                currentActor.actingAs(Role.FINANCE, Role.ADMIN));
        return ResponseEntity.status(201).body(new ClosedMonth(code, closing.toString(), new SealedFigures(
                closing.toString(), sealed.batches(), sealed.onTimeBatches(), sealed.linesSent(),
                sealed.linesReturned(), sealed.payments(), sealed.fullPayments(),
                Money.ofFen(sealed.spendingFen()).toString(), null, null)));
    }

    /** The answer to a month close: the figures sealed ({@code closedAt} and {@code adjustments} are always null). */
    record ClosedMonth(String program, String month, SealedFigures figures) {
    }

    record SealedFigures(String month, long batches, long onTimeBatches, long linesSent, long linesReturned,
                         long payments, long fullPayments, String spending, String closedAt,
                         SealedAdjustments adjustments) {
    }

    /** The shape of a month's adjustments in the indicator table; a month just closed has none (null). */
    record SealedAdjustments(long batches, long onTimeBatches, long linesSent, long linesReturned, long payments,
                             long fullPayments, String spending) {
    }
}
