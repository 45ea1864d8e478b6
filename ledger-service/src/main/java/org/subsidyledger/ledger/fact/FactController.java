package org.subsidyledger.ledger.fact;

import java.io.IOException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.subsidyledger.contract.fact.FactKind;
import org.subsidyledger.contract.value.Money;
import org.subsidyledger.contract.value.Periods;
import org.subsidyledger.ledger.idempotency.IdempotentRequests;
import org.subsidyledger.ledger.overpayment.OverpaymentDetector;
import org.subsidyledger.ledger.security.Actor;
import org.subsidyledger.ledger.security.CurrentActor;
import org.subsidyledger.ledger.security.Role;
import org.subsidyledger.ledger.tabular.Column;
import org.subsidyledger.ledger.tabular.TabularReader;
import org.subsidyledger.ledger.tabular.TabularRow;
import org.subsidyledger.ledger.web.ConcurrentRetries;
import org.subsidyledger.contract.error.ErrorCode;
import org.subsidyledger.contract.error.LedgerException;

/**
 * Life events (rules 3 and 6, docs/rules.md): deaths, suspensions and their release, duplicate claims, ends of enrolment, their
 * retraction and correction, and the bulk death comparison file. Each answers the fact and what it did: lines
 * stopped before disbursement and overpayment cases opened, adjusted or cancelled. A fact already recorded is
 * answered 200 with {@code alreadyRecorded: true}; a new one 201. Reads are in the projections module.
 */
@RestController
class FactController {

    static final List<Column> DEATH_FILE_COLUMNS = List.of(
            Column.required("id", "身份证号", "recipient_id", "公民身份号码"),
            Column.required("name", "姓名", "name"),
            Column.required("dateOfDeath", "死亡日期", "date_of_death"),
            Column.optional("source", "数据来源", "source"));

    private final FactService facts;
    private final DeathComparisonService comparisons;
    private final CurrentActor currentActor;
    private final IdempotentRequests idempotent;

    FactController(FactService facts, DeathComparisonService comparisons, CurrentActor currentActor,
                   IdempotentRequests idempotent) {
        this.facts = facts;
        this.comparisons = comparisons;
        this.currentActor = currentActor;
        this.idempotent = idempotent;
    }

    record DeathRequest(String dateOfDeath, String source) {
    }

    record SuspensionRequest(String kind, String from, String to, String source) {
    }

    record ReleaseRequest(String releasedOn, String source) {
    }

    record DuplicateClaimRequest(String program, String otherScheme, String from, String to) {
    }

    record EnrolmentEndRequest(String program, String lastDueMonth, String reason) {
    }

    record RetractionRequest(String reason) {
    }

    /** The fact's new dates: {@code dateOfDeath}; or {@code from}/{@code to}; or {@code lastDueMonth}. */
    record CorrectionRequest(String dateOfDeath, String from, String to, String lastDueMonth, String reason) {
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Record a death (死亡)")
    @PostMapping(path = "/api/v1/recipients/{id}/deaths", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAnyRole('CLERK', 'INSPECTOR')")
    ResponseEntity<String> death(@PathVariable String id, @RequestBody DeathRequest request,
                                 @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        Actor actor = actor();
        return post("deaths:" + id, key, request, () -> {
            LocalDate date = Periods.parseDate(request.dateOfDeath());
            return facts.recordDeath(id, date, request.source(), actor);
        });
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Record a suspension (停发), such as imprisonment")
    @PostMapping(path = "/api/v1/recipients/{id}/suspensions", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAnyRole('CLERK', 'INSPECTOR')")
    ResponseEntity<String> suspension(@PathVariable String id, @RequestBody SuspensionRequest request,
                                      @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        Actor actor = actor();
        return post("suspensions:" + id, key, request, () -> facts.recordSuspension(id, request.kind(),
                Periods.parseDate(request.from()), optionalDate(request.to()), request.source(), actor));
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "End a suspension (release)")
    @PostMapping(path = "/api/v1/recipients/{id}/suspensions/{factId}/release",
            consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAnyRole('CLERK', 'INSPECTOR')")
    ResponseEntity<String> release(@PathVariable String id, @PathVariable String factId,
                                   @RequestBody ReleaseRequest request,
                                   @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        Actor actor = actor();
        return post("release:" + factId, key, request, () -> {
            requireRecipient(factId, id);
            return facts.endSuspension(factId, Periods.parseDate(request.releasedOn()), request.source(), actor);
        });
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Record a duplicate claim on another scheme (重复领取)")
    @PostMapping(path = "/api/v1/recipients/{id}/duplicate-claims", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAnyRole('CLERK', 'INSPECTOR')")
    ResponseEntity<String> duplicateClaim(@PathVariable String id, @RequestBody DuplicateClaimRequest request,
                                          @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        Actor actor = actor();
        return post("duplicate-claims:" + id, key, request, () -> facts.recordDuplicateClaim(id, request.program(),
                request.otherScheme(), Periods.parseMonth(request.from()), Periods.parseMonth(request.to()), actor));
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Record the end of an enrolment (终止)")
    @PostMapping(path = "/api/v1/recipients/{id}/enrolment-ends", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAnyRole('CLERK', 'INSPECTOR')")
    ResponseEntity<String> enrolmentEnd(@PathVariable String id, @RequestBody EnrolmentEndRequest request,
                                        @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        Actor actor = actor();
        return post("enrolment-ends:" + id, key, request, () -> facts.recordEnrolmentEnd(id, request.program(),
                Periods.parseMonth(request.lastDueMonth()), request.reason(), actor));
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Retract a fact recorded in error")
    @PostMapping(path = "/api/v1/facts/{factId}/retraction", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAnyRole('CLERK', 'INSPECTOR')")
    ResponseEntity<String> retract(@PathVariable String factId, @RequestBody RetractionRequest request,
                                   @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        Actor actor = actor();
        return post("retraction:" + factId, key, request, () -> facts.retract(factId, request.reason(), actor));
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Correct the dates of a fact")
    @PostMapping(path = "/api/v1/facts/{factId}/correction", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAnyRole('CLERK', 'INSPECTOR')")
    ResponseEntity<String> correct(@PathVariable String factId, @RequestBody CorrectionRequest request,
                                   @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        Actor actor = actor();
        return post("correction:" + factId, key, request, () -> {
            FactKind kind = facts.known(factId).kind();
            LocalDate from;
            LocalDate to = null;
            switch (kind) {
                case DEATH -> from = Periods.parseDate(request.dateOfDeath());
                case SUSPENSION -> {
                    from = Periods.parseDate(request.from());
                    to = optionalDate(request.to());
                }
                case DUPLICATE_CLAIM -> {
                    from = Periods.parseMonth(request.from()).atDay(1);
                    to = Periods.parseMonth(request.to()).atDay(1);
                }
                case ENROLMENT_END -> from = Periods.parseMonth(request.lastDueMonth()).atDay(1);
                default -> throw new IllegalStateException(kind.name());
            }
            return facts.correct(factId, from, to, request.reason(), actor);
        });
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Post a death comparison file (死亡比对)")
    @PostMapping(path = "/api/v1/death-comparisons", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize("hasAnyRole('CLERK', 'INSPECTOR')")
    ResponseEntity<String> compare(@RequestPart("file") MultipartFile file,
                                   @RequestParam(required = false) String source,
                                   @RequestHeader(name = "Idempotency-Key", required = false) String key)
            throws IOException {
        byte[] content = file.getBytes();
        String fileName = file.getOriginalFilename() == null ? "upload" : file.getOriginalFilename();
        String sha256 = IdempotentRequests.sha256(content);
        List<DeathComparisonService.Row> rows = new ArrayList<>();
        for (TabularRow row : TabularReader.read(fileName, content, DEATH_FILE_COLUMNS)) {
            rows.add(new DeathComparisonService.Row(row.line(), row.value(0), row.value(1), row.value(2),
                    row.value(3)));
        }
        String defaultSource = source == null || source.isBlank() ? fileName : source.strip();
        Actor actor = actor();
        return ConcurrentRetries.run(() -> idempotent.runFile("death-comparisons", key, sha256,
                Map.of("file", sha256, "source", defaultSource), earlier -> false, () -> {
                    DeathComparisonService.Outcome outcome = comparisons.compare(fileName, sha256, rows,
                            defaultSource, actor);
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("comparisonId", outcome.comparisonId());
                    body.put("rows", outcome.rows());
                    body.put("recorded", outcome.recorded());
                    body.put("alreadyRecorded", outcome.alreadyKnown().size());
                    body.put("notRecorded", outcome.notRecorded().size());
                    detection(body, outcome.detection(), false);
                    body.put("rejected", outcome.notRecorded());
                    body.put("alreadyKnown", outcome.alreadyKnown());
                    return new IdempotentRequests.Response(201, body);
                }));
    }

    private Actor actor() {
        return currentActor.actingAs(Role.CLERK, Role.INSPECTOR);
    }

    private void requireRecipient(String factId, String id) {
        String recipientId = facts.known(factId).recipientId();
        if (!recipientId.equalsIgnoreCase(id.strip())) {
            throw new LedgerException(ErrorCode.UNKNOWN_FACT, "fact " + factId + " is not about recipient " + id);
        }
    }

    private ResponseEntity<String> post(String scope, String key, Object request,
                                        Supplier<FactService.Recorded> action) {
        return ConcurrentRetries.run(() -> idempotent.run(scope, key, request, () -> {
            FactService.Recorded recorded = action.get();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("factId", recorded.factId());
            body.put("kind", recorded.kind());
            body.put("recipientId", recorded.recipientId());
            body.put("alreadyRecorded", recorded.alreadyRecorded());
            detection(body, recorded.detection(), true);
            return new IdempotentRequests.Response(recorded.alreadyRecorded() ? 200 : 201, body);
        }));
    }

    /** The lines stopped and the cases changed; with {@code cases} each case, else only the totals. */
    private static void detection(Map<String, Object> body, OverpaymentDetector.Result result, boolean cases) {
        body.put("stoppedLines", result.stoppedLines());
        body.put("overpaymentsIdentified", result.changes().stream()
                .filter(c -> c.change().equals("IDENTIFIED")).count());
        body.put("overpaidIdentified", Money.ofFen(result.overpaidFen("IDENTIFIED")).toString());
        if (cases) {
            body.put("overpayments", result.changes().stream().map(c -> {
                Map<String, Object> change = new LinkedHashMap<>();
                change.put("caseId", c.caseId());
                change.put("program", c.programCode());
                change.put("cause", c.cause());
                change.put("change", c.change());
                change.put("months", c.months().stream().map(YearMonth::toString).toList());
                change.put("amount", Money.ofFen(c.amountFen()).toString());
                return change;
            }).toList());
        }
    }

    private static LocalDate optionalDate(String raw) {
        return raw == null || raw.isBlank() ? null : Periods.parseDate(raw);
    }
}
