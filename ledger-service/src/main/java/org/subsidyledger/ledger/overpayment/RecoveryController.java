package org.subsidyledger.ledger.overpayment;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;
import java.util.function.Supplier;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.subsidyledger.contract.overpayment.CaseStatus;
import org.subsidyledger.contract.overpayment.RepaymentMethod;
import org.subsidyledger.contract.value.Decimals;
import org.subsidyledger.contract.value.Money;
import org.subsidyledger.contract.value.Periods;
import org.subsidyledger.ledger.idempotency.IdempotentRequests;
import org.subsidyledger.ledger.infrastructure.AuditedCommands;
import org.subsidyledger.ledger.security.Actor;
import org.subsidyledger.ledger.security.CurrentActor;
import org.subsidyledger.ledger.web.Created;
import org.subsidyledger.ledger.security.Role;
import org.subsidyledger.contract.error.ErrorCode;
import org.subsidyledger.contract.error.LedgerException;

/**
 * Recovery of an overpayment case (rule 7, docs/rules.md): repayments with their evidence, write-offs and cancellations
 * of a case raised in error, each proposed and approved by two different people (docs/rules.md, segregation of duties). Each answers the case's status after it; the amounts are in
 * the recovery ledger ({@code GET /overpayments/{id}}).
 */
@RestController
class RecoveryController {

    private final AuditedCommands commands;
    private final CurrentActor currentActor;
    private final IdempotentRequests idempotent;
    private final DeductionService deductions;

    RecoveryController(AuditedCommands commands, CurrentActor currentActor, IdempotentRequests idempotent,
                       DeductionService deductions) {
        this.commands = commands;
        this.currentActor = currentActor;
        this.idempotent = idempotent;
        this.deductions = deductions;
    }

    record RepaymentRequest(String amount, String receivedOn, String method, String reference) {
    }

    /** {@code reasonCode}: {@code WAIVER} for a waiver (减免); a {@code reason} of exactly {@code WAIVER} is one too. */
    record WriteOffRequest(String amount, String reason, String reasonCode) {
    }

    record DecisionRequest(String decision, String comment) {
    }

    record CancellationRequest(String reason) {
    }

    record ReversalRequest(String reason) {
    }

    record RefundRequest(String amount, String paidOn, String reference) {
    }

    /** {@code recipientAgreed}: the recipient agreed in writing, so deductions need not wait for the notice. */
    record DeductionRequest(String share, Boolean recipientAgreed) {
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Record a repayment of an overpayment case")
    @PostMapping(path = "/api/v1/overpayments/{id}/repayments", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAnyRole('INSPECTOR', 'FINANCE')")
    @Created
    ResponseEntity<RepaymentAnswer> repay(@PathVariable String id, @RequestBody RepaymentRequest request,
                                 @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        Actor actor = currentActor.actingAs(Role.INSPECTOR, Role.FINANCE);
        return idempotent.run("repayments:" + id, key, request, RepaymentAnswer.class, () -> {
            long amount = Money.parsePositiveYuan(request.amount()).fen();
            LocalDate receivedOn = Periods.parseDate(request.receivedOn());
            String repaymentId = UUID.randomUUID().toString();
            CaseStatus status = send(id, new OverpaymentCommands.RecordRepayment(id, repaymentId, amount, receivedOn,
                    method(request.method()), request.reference()), actor);
            return new IdempotentRequests.Response<>(201, new RepaymentAnswer(id, status, repaymentId,
                    Money.ofFen(amount).toString()));
        });
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Propose a write-off (核销) of a case")
    @PostMapping(path = "/api/v1/overpayments/{id}/write-offs", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAnyRole('INSPECTOR', 'FINANCE')")
    @Created
    ResponseEntity<WriteOffAnswer> proposeWriteOff(@PathVariable String id, @RequestBody WriteOffRequest request,
                                           @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        Actor actor = currentActor.actingAs(Role.INSPECTOR, Role.FINANCE);
        return idempotent.run("write-offs:" + id, key, request, WriteOffAnswer.class, () -> {
            long amount = Money.parsePositiveYuan(request.amount()).fen();
            String writeOffId = UUID.randomUUID().toString();
            String code = request.reasonCode() == null && "WAIVER".equals(request.reason() == null ? null
                    : request.reason().strip()) ? "WAIVER" : request.reasonCode();
            CaseStatus status = send(id, new OverpaymentCommands.ProposeWriteOff(id, writeOffId, amount,
                    request.reason(), code), actor);
            return new IdempotentRequests.Response<>(201, new WriteOffAnswer(id, status, writeOffId,
                    ProposalState.PROPOSED));
        });
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Approve or reject a proposed write-off")
    @PostMapping(path = "/api/v1/overpayments/{id}/write-offs/{writeOffId}/approval",
            consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAnyRole('FINANCE', 'ADMIN')")
    ResponseEntity<WriteOffAnswer> decideWriteOff(@PathVariable String id, @PathVariable String writeOffId,
                                          @RequestBody DecisionRequest request) {
        Actor actor = currentActor.actingAs(Role.FINANCE, Role.ADMIN);
        OverpaymentCommands.Decision decision = decision(request.decision());
        return run(WriteOffAnswer.class, () -> {
            CaseStatus status = send(id, new OverpaymentCommands.DecideWriteOff(id, writeOffId, decision,
                    request.comment()), actor);
            return new WriteOffAnswer(id, status, writeOffId, decision == OverpaymentCommands.Decision.APPROVE
                    ? ProposalState.APPROVED : ProposalState.REJECTED);
        });
    }

    /**
     * Proposes the cancellation (撤销) of a case raised in error: it changes nothing until another person approves it
     * ({@code /cancellations/{cancellationId}/approval}).
     */
    @io.swagger.v3.oas.annotations.Operation(summary = "Propose the cancellation of a case raised in error (撤销)")
    @PostMapping(path = "/api/v1/overpayments/{id}/cancellation", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAnyRole('INSPECTOR')")
    @Created
    ResponseEntity<CancellationAnswer> cancel(@PathVariable String id, @RequestBody CancellationRequest request,
                                              @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        Actor actor = currentActor.actingAs(Role.INSPECTOR);
        return idempotent.run("cancellations:" + id, key, request, CancellationAnswer.class, () -> {
            String cancellationId = UUID.randomUUID().toString();
            CaseStatus status = send(id, new OverpaymentCommands.ProposeCancellation(id, cancellationId,
                    request.reason()), actor);
            return new IdempotentRequests.Response<>(201, new CancellationAnswer(id, status, cancellationId,
                    ProposalState.PROPOSED));
        });
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Approve or reject a proposed cancellation")
    @PostMapping(path = "/api/v1/overpayments/{id}/cancellations/{cancellationId}/approval",
            consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAnyRole('INSPECTOR', 'FINANCE', 'ADMIN')")
    ResponseEntity<CancellationAnswer> decideCancellation(@PathVariable String id, @PathVariable String cancellationId,
                                                          @RequestBody DecisionRequest request) {
        Actor actor = currentActor.actingAs(Role.INSPECTOR, Role.FINANCE, Role.ADMIN);
        OverpaymentCommands.Decision decision = decision(request.decision());
        return run(CancellationAnswer.class, () -> {
            CaseStatus status = send(id, new OverpaymentCommands.DecideCancellation(id, cancellationId, decision,
                    request.comment()), actor);
            return new CancellationAnswer(id, status, cancellationId, decision == OverpaymentCommands.Decision.APPROVE
                    ? ProposalState.APPROVED : ProposalState.REJECTED);
        });
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Reverse a repayment recorded in error")
    @PostMapping(path = "/api/v1/overpayments/{id}/repayments/{repaymentId}/reversal",
            consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAnyRole('INSPECTOR', 'FINANCE')")
    ResponseEntity<ReversalAnswer> reverse(@PathVariable String id, @PathVariable String repaymentId,
                                   @RequestBody ReversalRequest request) {
        Actor actor = currentActor.actingAs(Role.INSPECTOR, Role.FINANCE);
        return run(ReversalAnswer.class, () -> {
            CaseStatus status = send(id, new OverpaymentCommands.ReverseRepayment(id, repaymentId, request.reason(),
                    false), actor);
            return new ReversalAnswer(id, status, repaymentId, "REVERSED");
        });
    }

    /** Money recovered beyond what a corrected or cancelled case owes, paid back to the recipient. */
    @io.swagger.v3.oas.annotations.Operation(summary = "Refund what was recovered beyond what is owed")
    @PostMapping(path = "/api/v1/overpayments/{id}/refunds", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('FINANCE')")
    @Created
    ResponseEntity<RefundAnswer> refund(@PathVariable String id, @RequestBody RefundRequest request,
                                  @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        Actor actor = currentActor.actingAs(Role.FINANCE);
        return idempotent.run("refunds:" + id, key, request, RefundAnswer.class, () -> {
            long amount = Money.parsePositiveYuan(request.amount()).fen();
            LocalDate paidOn = Periods.parseDate(request.paidOn());
            String refundId = UUID.randomUUID().toString();
            CaseStatus status = send(id, new OverpaymentCommands.RecordRefund(id, refundId, amount, paidOn,
                    request.reference()), actor);
            return new IdempotentRequests.Response<>(201, new RefundAnswer(id, status, refundId,
                    Money.ofFen(amount).toString()));
        });
    }

    /** Recover the case by deduction from the recipient's later payments, with a share of the standard as cap. */
    @io.swagger.v3.oas.annotations.Operation(summary = "Arrange recovery by deduction from later payments")
    @PostMapping(path = "/api/v1/overpayments/{id}/deduction", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('INSPECTOR')")
    ResponseEntity<DeductionAnswer> arrangeDeduction(@PathVariable String id, @RequestBody DeductionRequest request) {
        Actor actor = currentActor.actingAs(Role.INSPECTOR);
        BigDecimal share = share(request.share());
        boolean agreed = Boolean.TRUE.equals(request.recipientAgreed());
        return run(DeductionAnswer.class, () -> new DeductionAnswer(id, deductions.arrange(id, share, agreed, actor),
                "ARRANGED"));
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "End a deduction arrangement")
    @PostMapping(path = "/api/v1/overpayments/{id}/deduction/end", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('INSPECTOR')")
    ResponseEntity<DeductionAnswer> endDeduction(@PathVariable String id, @RequestBody CancellationRequest request) {
        Actor actor = currentActor.actingAs(Role.INSPECTOR);
        return run(DeductionAnswer.class, () -> new DeductionAnswer(id, send(id,
                new OverpaymentCommands.EndDeduction(id, request.reason()), actor), "ENDED"));
    }

    private static BigDecimal share(String share) {
        if (share == null || share.isBlank()) {
            return null;
        }
        return Decimals.parse(share, 1, 4, ErrorCode.INVALID_DEDUCTION_SHARE, "share");
    }

    private CaseStatus send(String caseId, Object command, Actor actor) {
        try {
            Object result = commands.send(command, actor);
            return result instanceof CaseStatus status ? status : CaseStatus.CANCELLED;
        } catch (AggregateNotFoundException e) {
            throw new LedgerException(ErrorCode.UNKNOWN_OVERPAYMENT, "no overpayment case " + caseId);
        }
    }

    /** A step without an Idempotency-Key: it runs in one transaction and answers 200. */
    private <T> ResponseEntity<T> run(Class<T> type, Supplier<T> action) {
        return idempotent.run("recovery", null, null, type, () -> new IdempotentRequests.Response<>(200,
                action.get()));
    }

    /** The state of a proposal another person decides: a write-off or a cancellation. */
    enum ProposalState { PROPOSED, APPROVED, REJECTED }

    /** A cancellation proposed or decided, and the case's status after it (unchanged until approved). */
    record CancellationAnswer(String caseId, CaseStatus status, String cancellationId, ProposalState cancellation) {
    }

    record RepaymentAnswer(String caseId, CaseStatus status, String repaymentId, String amount) {
    }

    record WriteOffAnswer(String caseId, CaseStatus status, String writeOffId, ProposalState writeOff) {
    }

    /** {@code repayment} is always {@code REVERSED}. */
    record ReversalAnswer(String caseId, CaseStatus status, String repaymentId, String repayment) {
    }

    record RefundAnswer(String caseId, CaseStatus status, String refundId, String amount) {
    }

    /** {@code deduction}: {@code ARRANGED} or {@code ENDED}. */
    record DeductionAnswer(String caseId, CaseStatus status, String deduction) {
    }

    private static RepaymentMethod method(String method) {
        try {
            return method == null ? null : RepaymentMethod.valueOf(method.strip().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new LedgerException(ErrorCode.INVALID_REPAYMENT_METHOD, "unknown method '" + method.strip()
                    + "': FAMILY_REFUND, BANK_CLAWBACK, DEDUCTION or OTHER");
        }
    }

    private static OverpaymentCommands.Decision decision(String decision) {
        try {
            return OverpaymentCommands.Decision.valueOf(decision == null ? "" : decision.strip().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new LedgerException(ErrorCode.INVALID_DECISION, "decision must be APPROVE or REJECT");
        }
    }
}
