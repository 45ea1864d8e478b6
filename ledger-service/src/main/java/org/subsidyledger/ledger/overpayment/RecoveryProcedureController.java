package org.subsidyledger.ledger.overpayment;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.subsidyledger.contract.error.ErrorCode;
import org.subsidyledger.contract.error.LedgerException;
import org.subsidyledger.contract.overpayment.AppealDecision;
import org.subsidyledger.contract.overpayment.CaseStatus;
import org.subsidyledger.contract.overpayment.ContactMethod;
import org.subsidyledger.contract.overpayment.DeliveryMethod;
import org.subsidyledger.contract.value.BusinessDates;
import org.subsidyledger.contract.value.Money;
import org.subsidyledger.contract.value.Periods;
import org.subsidyledger.ledger.idempotency.IdempotentRequests;
import org.subsidyledger.ledger.infrastructure.AuditedCommands;
import org.subsidyledger.ledger.security.Actor;
import org.subsidyledger.ledger.security.CurrentActor;
import org.subsidyledger.ledger.security.Role;
import org.subsidyledger.ledger.web.Created;
import org.subsidyledger.projections.port.LedgerSelection;

/**
 * The recovery procedure of a case (追回程序, rule 14, docs/rules.md): the notice (追回通知书) generated as a PDF and its
 * delivery, contacts, an instalment agreement, and appeals with their decision; and notices for a selection of the
 * ledger at once. By INSPECTOR or ADMIN; a notice names the recipient in full, so generating and reading one is
 * recorded in the access log, and EVALUATOR and AUDITOR may do neither.
 */
@RestController
class RecoveryProcedureController {

    private static final String PDF = "application/pdf";

    private final AuditedCommands commands;
    private final CurrentActor currentActor;
    private final IdempotentRequests idempotent;
    private final RecoveryNotices notices;
    private final RecoveryProcedureSettings settings;
    private final LedgerSelection selection;

    RecoveryProcedureController(AuditedCommands commands, CurrentActor currentActor, IdempotentRequests idempotent,
                                RecoveryNotices notices, RecoveryProcedureSettings settings,
                                LedgerSelection selection) {
        this.commands = commands;
        this.currentActor = currentActor;
        this.idempotent = idempotent;
        this.notices = notices;
        this.settings = settings;
        this.selection = selection;
    }

    record NoticeAnswer(String caseId, CaseStatus status, String noticeId) {
    }

    record NoticeDeliveryRequest(String deliveredOn, String method) {
    }

    /** {@code deductionsFrom}: the first day a deduction may be taken; {@code appealDeadline}: the last to appeal. */
    record NoticeDeliveryAnswer(String caseId, CaseStatus status, String noticeId, LocalDate deductionsFrom,
                                LocalDate appealDeadline) {
    }

    record ContactRequest(String on, String method, String outcome) {
    }

    record ContactAnswer(String caseId, CaseStatus status, String contactId) {
    }

    record InstalmentRequest(String amountPerMonth, String firstMonth) {
    }

    record InstalmentAnswer(String caseId, CaseStatus status, String agreementId, String amountPerMonth,
                            String firstMonth) {
    }

    record AppealRequest(String filedOn, String reason) {
    }

    record AppealAnswer(String caseId, CaseStatus status, String appealId, String appeal) {
    }

    /**
     * {@code months}: for {@code UPHELD}, the months the appeal found due after all (removed from the case); none, or
     * all of them, cancels the case.
     */
    record AppealDecisionRequest(String decision, String comment, List<String> months) {
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Generate a recovery notice (追回通知书) for a case")
    @PostMapping(path = "/api/v1/overpayments/{id}/notices")
    @PreAuthorize("hasAnyRole('INSPECTOR', 'ADMIN')")
    @Created
    ResponseEntity<NoticeAnswer> generate(@PathVariable String id,
                                          @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        Actor actor = currentActor.actingAs(Role.INSPECTOR, Role.ADMIN);
        return idempotent.run("notices:" + id, key, null, NoticeAnswer.class, () -> {
            String noticeId = UUID.randomUUID().toString();
            CaseStatus status = send(id, generation(id, noticeId), actor);
            return new IdempotentRequests.Response<>(201, new NoticeAnswer(id, status, noticeId));
        });
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "The recovery notice as a PDF")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "the notice (A4 PDF)",
            content = @io.swagger.v3.oas.annotations.media.Content(mediaType = PDF,
                    schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string", format = "binary")))
    @GetMapping(path = "/api/v1/overpayments/{id}/notices/{noticeId}", produces = PDF)
    @PreAuthorize("hasAnyRole('INSPECTOR', 'ADMIN')")
    ResponseEntity<byte[]> notice(@PathVariable String id, @PathVariable String noticeId) {
        currentActor.actingAs(Role.INSPECTOR, Role.ADMIN);
        byte[] pdf = NoticeDocument.pdf(notices.content(id, noticeId));
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(PDF))
                .header("Content-Disposition", "inline; filename=\"notice-" + noticeId + ".pdf\"").body(pdf);
    }

    /**
     * Generates a notice for every case of the selection (the filters of {@code GET /overpayments}) that still has
     * something outstanding, and answers them all: {@code format=zip} (default), one PDF per case named
     * {@code <caseId>.pdf}, or {@code format=pdf}, one PDF with each notice on its own pages.
     */
    @io.swagger.v3.oas.annotations.Operation(summary = "Generate recovery notices for a selection of the ledger")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "the notices", content = {
            @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/zip",
                    schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string", format = "binary")),
            @io.swagger.v3.oas.annotations.media.Content(mediaType = PDF,
                    schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string", format = "binary"))})
    @PostMapping(path = "/api/v1/overpayments/notices")
    @PreAuthorize("hasAnyRole('INSPECTOR', 'ADMIN')")
    ResponseEntity<byte[]> generateMany(@RequestParam(required = false) String program,
                                        @RequestParam(required = false) String status,
                                        @RequestParam(required = false) String cause,
                                        @RequestParam(required = false) String region,
                                        @RequestParam(required = false) String recipient,
                                        @RequestParam(required = false) String aging,
                                        @RequestParam(required = false) String appealOpen,
                                        @RequestParam(required = false) String noticeDelivered,
                                        @RequestParam(required = false) String instalmentsOverdue,
                                        @RequestParam(required = false) String nextStep,
                                        @RequestParam(defaultValue = "zip") String format,
                                        HttpServletRequest request) throws IOException {
        Actor actor = currentActor.actingAs(Role.INSPECTOR, Role.ADMIN);
        boolean zip = switch (format.strip().toLowerCase()) {
            case "zip" -> true;
            case "pdf" -> false;
            default -> throw new LedgerException(ErrorCode.INVALID_QUERY, "format must be zip or pdf");
        };
        List<String> caseIds = selection.openCases(new LedgerSelection.Filter(program, status, cause, region,
                recipient, aging, appealOpen, noticeDelivered, instalmentsOverdue, nextStep), settings.bulkNoticeLimit);
        if (caseIds.size() > settings.bulkNoticeLimit) {
            throw new LedgerException(ErrorCode.TOO_MANY_ROWS, "the selection has more than "
                    + settings.bulkNoticeLimit + " open cases: narrow it (ledger.recovery.bulk-notice-limit)");
        }
        if (caseIds.isEmpty()) {
            throw new LedgerException(ErrorCode.INVALID_QUERY, "the selection has no case with something outstanding");
        }
        List<NoticeDocument.Content> contents = new ArrayList<>();
        for (String caseId : caseIds) {
            contents.add(notices.content(caseId, generateFor(caseId, actor)));
        }
        request.setAttribute(OverpaymentCases.CASES_READ, caseIds);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        if (zip) {
            try (ZipOutputStream files = new ZipOutputStream(out)) {
                for (NoticeDocument.Content content : contents) {
                    files.putNextEntry(new ZipEntry(content.notice().caseId() + ".pdf"));
                    files.write(NoticeDocument.pdf(content));
                    files.closeEntry();
                }
            }
        } else {
            NoticeDocument.write(contents, out);
        }
        String name = "notices-" + BusinessDates.today() + (zip ? ".zip" : ".pdf");
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(zip ? "application/zip" : PDF))
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .header("X-Notices", String.valueOf(contents.size())).body(out.toByteArray());
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Record the delivery (送达) of a recovery notice")
    @PostMapping(path = "/api/v1/overpayments/{id}/notices/{noticeId}/delivery",
            consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAnyRole('INSPECTOR', 'ADMIN')")
    ResponseEntity<NoticeDeliveryAnswer> deliver(@PathVariable String id, @PathVariable String noticeId,
                                                 @RequestBody NoticeDeliveryRequest request) {
        Actor actor = currentActor.actingAs(Role.INSPECTOR, Role.ADMIN);
        LocalDate on = Periods.parseDate(request.deliveredOn());
        DeliveryMethod method = parse(DeliveryMethod.class, request.method(), ErrorCode.INVALID_DELIVERY_METHOD);
        return run(NoticeDeliveryAnswer.class, () -> {
            CaseStatus status = send(id, new OverpaymentCommands.RecordNoticeDelivery(id, noticeId, on, method),
                    actor);
            var delivered = notices.content(id, noticeId).delivery();
            return new NoticeDeliveryAnswer(id, status, noticeId, delivered.deductionsFrom(),
                    delivered.appealDeadline());
        });
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Record a contact with the recipient about a case")
    @PostMapping(path = "/api/v1/overpayments/{id}/contacts", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAnyRole('INSPECTOR', 'ADMIN')")
    @Created
    ResponseEntity<ContactAnswer> contact(@PathVariable String id, @RequestBody ContactRequest request,
                                          @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        Actor actor = currentActor.actingAs(Role.INSPECTOR, Role.ADMIN);
        return idempotent.run("contacts:" + id, key, request, ContactAnswer.class, () -> {
            String contactId = UUID.randomUUID().toString();
            CaseStatus status = send(id, new OverpaymentCommands.RecordContact(id, contactId,
                    Periods.parseDate(request.on()), parse(ContactMethod.class, request.method(),
                    ErrorCode.INVALID_CONTACT_METHOD), request.outcome()), actor);
            return new IdempotentRequests.Response<>(201, new ContactAnswer(id, status, contactId));
        });
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Record an instalment agreement (分期还款) on a case")
    @PostMapping(path = "/api/v1/overpayments/{id}/instalments", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAnyRole('INSPECTOR', 'ADMIN')")
    @Created
    ResponseEntity<InstalmentAnswer> instalments(@PathVariable String id, @RequestBody InstalmentRequest request,
                                                 @RequestHeader(name = "Idempotency-Key", required = false)
                                                 String key) {
        Actor actor = currentActor.actingAs(Role.INSPECTOR, Role.ADMIN);
        return idempotent.run("instalments:" + id, key, request, InstalmentAnswer.class, () -> {
            long perMonth = Money.parsePositiveYuan(request.amountPerMonth()).fen();
            YearMonth first = Periods.parseMonth(request.firstMonth());
            String agreementId = UUID.randomUUID().toString();
            CaseStatus status = send(id, new OverpaymentCommands.AgreeInstalments(id, agreementId, perMonth, first,
                    recordedDay()), actor);
            return new IdempotentRequests.Response<>(201, new InstalmentAnswer(id, status, agreementId,
                    Money.ofFen(perMonth).toString(), first.toString()));
        });
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Record an appeal (申诉) against a case")
    @PostMapping(path = "/api/v1/overpayments/{id}/appeals", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAnyRole('INSPECTOR', 'ADMIN')")
    @Created
    ResponseEntity<AppealAnswer> appeal(@PathVariable String id, @RequestBody AppealRequest request,
                                        @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        Actor actor = currentActor.actingAs(Role.INSPECTOR, Role.ADMIN);
        return idempotent.run("appeals:" + id, key, request, AppealAnswer.class, () -> {
            String appealId = UUID.randomUUID().toString();
            CaseStatus status = send(id, new OverpaymentCommands.FileAppeal(id, appealId,
                    Periods.parseDate(request.filedOn()), request.reason()), actor);
            return new IdempotentRequests.Response<>(201, new AppealAnswer(id, status, appealId, "OPEN"));
        });
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Decide an appeal: UPHELD or REJECTED")
    @PostMapping(path = "/api/v1/overpayments/{id}/appeals/{appealId}/decision",
            consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAnyRole('INSPECTOR', 'ADMIN')")
    ResponseEntity<AppealAnswer> decide(@PathVariable String id, @PathVariable String appealId,
                                        @RequestBody AppealDecisionRequest request) {
        Actor actor = currentActor.actingAs(Role.INSPECTOR, Role.ADMIN);
        AppealDecision decision = parse(AppealDecision.class, request.decision(), ErrorCode.INVALID_DECISION);
        List<YearMonth> months = request.months() == null ? List.of()
                : request.months().stream().map(Periods::parseMonth).toList();
        return run(AppealAnswer.class, () -> new AppealAnswer(id, send(id, new OverpaymentCommands.DecideAppeal(id,
                appealId, decision, request.comment(), recordedDay(), months), actor), appealId,
                decision.name()));
    }

    private String generateFor(String caseId, Actor actor) {
        String noticeId = UUID.randomUUID().toString();
        send(caseId, generation(caseId, noticeId), actor);
        return noticeId;
    }

    private OverpaymentCommands.GenerateNotice generation(String caseId, String noticeId) {
        return new OverpaymentCommands.GenerateNotice(caseId, noticeId, recordedDay(), settings.appealDays,
                settings.deductionWaitDays, settings.office);
    }

    /** The business date of the events about to be recorded: the day a notice is dated, a plan agreed, an appeal decided. */
    private static LocalDate recordedDay() {
        return BusinessDates.of(org.axonframework.eventhandling.GenericEventMessage.clock.instant());
    }

    private CaseStatus send(String caseId, Object command, Actor actor) {
        try {
            return commands.send(command, actor);
        } catch (AggregateNotFoundException e) {
            throw new LedgerException(ErrorCode.UNKNOWN_OVERPAYMENT, "no overpayment case " + caseId);
        }
    }

    private <T> ResponseEntity<T> run(Class<T> type, java.util.function.Supplier<T> action) {
        return idempotent.run("recovery", null, null, type, () -> new IdempotentRequests.Response<>(200,
                action.get()));
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, ErrorCode code) {
        try {
            return Enum.valueOf(type, value == null ? "" : value.strip().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new LedgerException(code, "unknown " + type.getSimpleName() + " '" + value + "': one of "
                    + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }
}
