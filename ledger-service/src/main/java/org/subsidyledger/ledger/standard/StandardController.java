package org.subsidyledger.ledger.standard;

import java.time.YearMonth;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.subsidyledger.contract.error.ErrorCode;
import org.subsidyledger.contract.error.LedgerException;
import org.subsidyledger.contract.value.Money;
import org.subsidyledger.contract.value.Periods;
import org.subsidyledger.contract.value.RecipientId;
import org.subsidyledger.ledger.idempotency.IdempotentRequests;
import org.subsidyledger.ledger.program.Programs;
import org.subsidyledger.ledger.security.CurrentActor;
import org.subsidyledger.ledger.security.Role;
import org.subsidyledger.ledger.web.Created;

/**
 * Standard changes (调标, rule 9): the program's standard from a month on (ADMIN or FINANCE, over the whole program's
 * region), or one recipient's own standard (CLERK, within the clerk's regions). The answer says what the change made:
 * the arrears of months already paid (待补发), the open arrears it took back, the overpayment cases it opened.
 */
@RestController
class StandardController {

    private final StandardService standards;
    private final Programs programs;
    private final CurrentActor currentActor;
    private final IdempotentRequests idempotent;

    StandardController(StandardService standards, Programs programs, CurrentActor currentActor,
                       IdempotentRequests idempotent) {
        this.standards = standards;
        this.programs = programs;
        this.currentActor = currentActor;
        this.idempotent = idempotent;
    }

    /** {@code from} YYYY-MM; {@code monthlyStandard} in 元; {@code reason}: e.g. the document that decided it. */
    record ProgramStandardRequest(String from, String monthlyStandard, String reason) {
    }

    record RecipientStandardRequest(String program, String from, String monthlyStandard, String reason) {
    }

    /**
     * A change recorded: arrears made (months and amount, 元), open arrears taken back, overpayment cases opened and
     * their amount.
     */
    record StandardChangeRecorded(String changeId, String program, String recipientId, String from,
                                  String monthlyStandard, long arrearMonths, String arrears, String arrearsTakenBack,
                                  int overpaymentCases, String overpaid) {
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Change a program's monthly standard from a month on (调标)")
    @PostMapping(path = "/api/v1/programs/{code}/standards", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAnyRole('ADMIN', 'FINANCE')")
    @Created
    ResponseEntity<StandardChangeRecorded> changeProgram(@PathVariable String code,
                                                         @RequestBody ProgramStandardRequest request,
                                                         @RequestHeader(name = "Idempotency-Key", required = false)
                                                         String key) {
        programs.require(code);
        String region = programs.region(code).orElse("");
        if (!org.subsidyledger.projections.port.AccessScope.current().coversAllOf(region)) {
            throw new LedgerException(ErrorCode.OUT_OF_SCOPE, "program " + code + " serves 行政区划 " + region
                    + ", not wholly within your region scope (不在您的管辖区域内)");
        }
        YearMonth from = Periods.parseMonth(request.from());
        return idempotent.run("standards:" + code, key, request, StandardChangeRecorded.class, () ->
                created(standards.change(code, null, from, request.monthlyStandard(), request.reason(),
                        currentActor.actingAs(Role.ADMIN, Role.FINANCE))));
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Change a recipient's own monthly standard from a month on")
    @PostMapping(path = "/api/v1/recipients/{id}/standards", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('CLERK')")
    @Created
    ResponseEntity<StandardChangeRecorded> changeRecipient(@PathVariable String id,
                                                           @RequestBody RecipientStandardRequest request,
                                                           @RequestHeader(name = "Idempotency-Key", required = false)
                                                           String key) {
        String recipient = RecipientId.parse(id).value();
        if (request.program() == null || request.program().isBlank()) {
            throw new LedgerException(ErrorCode.MISSING_VALUE, "program is required");
        }
        programs.require(request.program());
        YearMonth from = Periods.parseMonth(request.from());
        return idempotent.run("standards:" + request.program() + ":" + recipient, key, request,
                StandardChangeRecorded.class, () -> created(standards.change(request.program(), recipient, from,
                        request.monthlyStandard(), request.reason(), currentActor.actingAs(Role.CLERK))));
    }

    private static IdempotentRequests.Response<StandardChangeRecorded> created(StandardService.Changed changed) {
        var change = changed.change();
        var outcome = changed.outcome();
        return new IdempotentRequests.Response<>(201, new StandardChangeRecorded(changed.changeId(),
                change.programCode(), change.recipientId(), change.from().toString(),
                Money.ofFen(change.monthlyStandardFen()).toString(), outcome.arrearMonths(),
                Money.ofFen(outcome.arrearFen()).toString(), Money.ofFen(outcome.takenBackFen()).toString(),
                outcome.overpaymentCases(), Money.ofFen(outcome.overpaidFen()).toString()));
    }
}
