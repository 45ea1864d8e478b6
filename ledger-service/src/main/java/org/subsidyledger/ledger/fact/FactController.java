package org.subsidyledger.ledger.fact;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import org.subsidyledger.contract.fact.DeathComparisonRecorded;
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
import org.subsidyledger.contract.value.PersonalData;
import org.subsidyledger.contract.value.Periods;
import org.subsidyledger.ledger.idempotency.IdempotentRequests;
import org.subsidyledger.ledger.overpayment.OverpaymentDetector;
import org.subsidyledger.ledger.security.Actor;
import org.subsidyledger.ledger.security.CurrentActor;
import org.subsidyledger.ledger.web.Created;
import org.subsidyledger.ledger.security.Role;
import org.subsidyledger.ledger.tabular.FileFormat;
import org.subsidyledger.ledger.tabular.TabularFile;
import org.subsidyledger.ledger.tabular.TabularReader;
import org.subsidyledger.ledger.tabular.TabularRow;
import org.subsidyledger.ledger.web.ConcurrentRetries;
import org.subsidyledger.contract.error.ErrorCode;
import org.subsidyledger.contract.error.LedgerException;

/**
 * Life events (rules 3 and 6, docs/rules.md): deaths, suspensions and their release, duplicate claims, ends of enrolment, their
 * retraction and correction (proposed and approved by two people when a live overpayment case rests on the fact), and
 * the bulk death comparison file. Each answers the fact and what it did: lines
 * stopped before disbursement and overpayment cases opened, adjusted or cancelled. A fact already recorded is
 * answered 200 with {@code alreadyRecorded: true}; a new one 201. Reads are in the projections module.
 */
@RestController
class FactController {

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

    record ChangeDecisionRequest(String decision, String comment) {
    }

    /** The fact's new dates: {@code dateOfDeath}; or {@code from}/{@code to}; or {@code lastDueMonth}. */
    record CorrectionRequest(String dateOfDeath, String from, String to, String lastDueMonth, String reason) {
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Record a death (死亡)")
    @PostMapping(path = "/api/v1/recipients/{id}/deaths", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAnyRole('CLERK', 'INSPECTOR')")
    @Created(orAlreadyRecorded = true)
    ResponseEntity<FactRecorded> death(@PathVariable String id, @RequestBody DeathRequest request,
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
    @Created(orAlreadyRecorded = true)
    ResponseEntity<FactRecorded> suspension(@PathVariable String id, @RequestBody SuspensionRequest request,
                                      @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        Actor actor = actor();
        return post("suspensions:" + id, key, request, () -> facts.recordSuspension(id, request.kind(),
                Periods.parseDate(request.from()), optionalDate(request.to()), request.source(), actor));
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "End a suspension (release)")
    @PostMapping(path = "/api/v1/recipients/{id}/suspensions/{factId}/release",
            consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAnyRole('CLERK', 'INSPECTOR')")
    @Created(orAlreadyRecorded = true)
    ResponseEntity<FactRecorded> release(@PathVariable String id, @PathVariable String factId,
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
    @Created(orAlreadyRecorded = true)
    ResponseEntity<FactRecorded> duplicateClaim(@PathVariable String id, @RequestBody DuplicateClaimRequest request,
                                          @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        Actor actor = actor();
        return post("duplicate-claims:" + id, key, request, () -> facts.recordDuplicateClaim(id, request.program(),
                request.otherScheme(), Periods.parseMonth(request.from()), Periods.parseMonth(request.to()), actor));
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Record the end of an enrolment (终止)")
    @PostMapping(path = "/api/v1/recipients/{id}/enrolment-ends", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAnyRole('CLERK', 'INSPECTOR')")
    @Created(orAlreadyRecorded = true)
    ResponseEntity<FactRecorded> enrolmentEnd(@PathVariable String id, @RequestBody EnrolmentEndRequest request,
                                        @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        Actor actor = actor();
        return post("enrolment-ends:" + id, key, request, () -> facts.recordEnrolmentEnd(id, request.program(),
                Periods.parseMonth(request.lastDueMonth()), request.reason(), actor));
    }

    /** At once (201), or — for a fact behind a live overpayment case — a proposal another person approves (202). */
    @io.swagger.v3.oas.annotations.Operation(summary = "Retract a fact recorded in error")
    @PostMapping(path = "/api/v1/facts/{factId}/retraction", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAnyRole('CLERK', 'INSPECTOR')")
    @Created(orAlreadyRecorded = true, orProposed = true)
    ResponseEntity<FactRecorded> retract(@PathVariable String factId, @RequestBody RetractionRequest request,
                                   @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        Actor actor = actor();
        return post("retraction:" + factId, key, request, () -> facts.retract(factId, request.reason(), actor));
    }

    /** At once (201), or — for a fact behind a live overpayment case — a proposal another person approves (202). */
    @io.swagger.v3.oas.annotations.Operation(summary = "Correct the dates of a fact")
    @PostMapping(path = "/api/v1/facts/{factId}/correction", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAnyRole('CLERK', 'INSPECTOR')")
    @Created(orAlreadyRecorded = true, orProposed = true)
    ResponseEntity<FactRecorded> correct(@PathVariable String factId, @RequestBody CorrectionRequest request,
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

    /**
     * Approves or rejects a proposed retraction or correction; an approval applies it as a direct one would and
     * answers what it did.
     */
    @io.swagger.v3.oas.annotations.Operation(summary = "Approve or reject a proposed retraction or correction")
    @PostMapping(path = "/api/v1/facts/{factId}/changes/{changeId}/approval",
            consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAnyRole('CLERK', 'INSPECTOR', 'ADMIN')")
    ResponseEntity<FactRecorded> decideChange(@PathVariable String factId, @PathVariable String changeId,
                                              @RequestBody ChangeDecisionRequest request) {
        Actor actor = currentActor.actingAs(Role.CLERK, Role.INSPECTOR, Role.ADMIN);
        FactCommands.Decision decision = decision(request.decision());
        return post("fact-changes", null, null, () -> facts.decideChange(factId, changeId, decision,
                request.comment(), actor));
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Post a death comparison file (死亡比对)")
    @PostMapping(path = "/api/v1/death-comparisons", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize("hasAnyRole('CLERK', 'INSPECTOR')")
    @Created
    ResponseEntity<ComparisonRecorded> compare(@RequestPart("file") MultipartFile file,
                                   @RequestParam(required = false) String source,
                                   @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        String fileName = file.getOriginalFilename() == null ? "upload" : file.getOriginalFilename();
        TabularFile table = TabularReader.read(fileName, file, FileFormat.DEATH_COMPARISON.columns());
        String sha256 = table.sha256();
        List<DeathComparisonService.Row> rows = new ArrayList<>(table.rows().size());
        for (TabularRow row : table.rows()) {
            rows.add(new DeathComparisonService.Row(row.line(), row.value(0), row.value(1), row.value(2),
                    row.value(3), row.problem()));
        }
        String defaultSource = source == null || source.isBlank() ? fileName : source.strip();
        Actor actor = actor();
        return ConcurrentRetries.run(() -> idempotent.runFile("death-comparisons", key, sha256,
                Map.of("file", sha256, "source", defaultSource), ComparisonRecorded.class, earlier -> false, () -> {
                    DeathComparisonService.Outcome outcome = comparisons.compare(fileName, sha256, rows,
                            defaultSource, actor);
                    OverpaymentDetector.Result detected = outcome.detection();
                    return new IdempotentRequests.Response<>(201, new ComparisonRecorded(outcome.comparisonId(),
                            outcome.rows(), outcome.recorded(), outcome.alreadyKnown().size(),
                            outcome.notRecorded().size(), detected.stoppedLines(), identified(detected),
                            Money.ofFen(detected.overpaidFen("IDENTIFIED")).toString(), outcome.notRecorded(),
                            outcome.alreadyKnown()));
                }));
    }

    private Actor actor() {
        return currentActor.actingAs(Role.CLERK, Role.INSPECTOR);
    }

    private void requireRecipient(String factId, String id) {
        String recipientId = facts.known(factId).recipientId();
        if (!recipientId.equalsIgnoreCase(id.strip())) {
            throw new LedgerException(ErrorCode.UNKNOWN_FACT, "fact " + factId + " is not about recipient "
                    + PersonalData.maskId(id));
        }
    }

    private ResponseEntity<FactRecorded> post(String scope, String key, Object request,
                                              Supplier<FactService.Recorded> action) {
        return ConcurrentRetries.run(() -> idempotent.run(scope, key, request, FactRecorded.class, () -> {
            FactService.Recorded recorded = action.get();
            OverpaymentDetector.Result detected = recorded.detection();
            List<CaseChange> cases = detected.changes().stream().map(c -> new CaseChange(c.caseId(),
                    c.programCode(), c.cause(), c.change(), c.months().stream().map(YearMonth::toString).toList(),
                    Money.ofFen(c.amountFen()).toString())).toList();
            int status = recorded.change() == FactService.ChangeState.PROPOSED ? 202
                    : recorded.change() != null || recorded.alreadyRecorded() ? 200 : 201;
            return new IdempotentRequests.Response<>(status, new FactRecorded(
                    recorded.factId(), recorded.kind(), recorded.recipientId(), recorded.alreadyRecorded(),
                    detected.stoppedLines(), identified(detected),
                    Money.ofFen(detected.overpaidFen("IDENTIFIED")).toString(), cases, recorded.changeId(),
                    recorded.change()));
        }));
    }

    /** How many cases the detection opened. */
    private static long identified(OverpaymentDetector.Result result) {
        return result.changes().stream().filter(c -> c.change().equals("IDENTIFIED")).count();
    }

    /**
     * A fact recorded (or found already recorded: 200) and what it did: lines stopped before disbursement, and the
     * overpayment cases it opened or changed. A retraction or correction waiting for a second person ({@code change:
     * PROPOSED}, 202) has done nothing yet; its decision says {@code APPROVED} (with what it did) or {@code REJECTED}.
     * {@code changeId} and {@code change} are null for a fact or change recorded at once.
     */
    record FactRecorded(String factId, FactKind kind, String recipientId, boolean alreadyRecorded, int stoppedLines,
                        long overpaymentsIdentified, String overpaidIdentified, List<CaseChange> overpayments,
                        String changeId, FactService.ChangeState change) {
    }

    /** One overpayment case opened or changed by a fact: the months overpaid and the amount. */
    record CaseChange(String caseId, String program, FactKind cause, String change, List<String> months,
                      String amount) {
    }

    /**
     * A death comparison recorded: its rows, the deaths recorded, those already known, the rows not recorded (with
     * why), and what the deaths did.
     */
    record ComparisonRecorded(String comparisonId, int rows, int recorded, int alreadyRecorded, int notRecorded,
                              int stoppedLines, long overpaymentsIdentified, String overpaidIdentified,
                              List<DeathComparisonRecorded.Row> rejected,
                              List<DeathComparisonService.Known> alreadyKnown) {
    }

    private static FactCommands.Decision decision(String decision) {
        try {
            return FactCommands.Decision.valueOf(decision == null ? "" : decision.strip().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new LedgerException(ErrorCode.INVALID_DECISION, "decision must be APPROVE or REJECT");
        }
    }

    private static LocalDate optionalDate(String raw) {
        return raw == null || raw.isBlank() ? null : Periods.parseDate(raw);
    }
}
