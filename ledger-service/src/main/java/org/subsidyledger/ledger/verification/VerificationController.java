package org.subsidyledger.ledger.verification;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import org.subsidyledger.contract.verification.VerificationComparisonRecorded;
import org.subsidyledger.ledger.fact.FactService;
import org.subsidyledger.ledger.idempotency.IdempotentRequests;
import org.subsidyledger.ledger.overpayment.OverpaymentDetector;
import org.subsidyledger.ledger.security.Actor;
import org.subsidyledger.ledger.security.CurrentActor;
import org.subsidyledger.ledger.security.Role;
import org.subsidyledger.ledger.tabular.FileFormat;
import org.subsidyledger.ledger.tabular.TabularFile;
import org.subsidyledger.ledger.tabular.TabularReader;
import org.subsidyledger.ledger.tabular.TabularRow;
import org.subsidyledger.ledger.web.ConcurrentRetries;
import org.subsidyledger.ledger.web.Created;

/**
 * Rule 12 (两上两下, docs/api.md): comparison files posted for verification — deaths ({@code POST
 * /death-comparisons?verify=true}), imprisonments ({@code POST /imprisonment-comparisons}) and other-scheme duplicates
 * ({@code POST /duplicate-comparisons?program=}) — and the region's confirmation or dismissal of each suspected fact.
 * The same file posted twice is one comparison (the first answer). The work queue is read in the projections module.
 */
@RestController
class VerificationController {

    private final VerificationService verification;
    private final CurrentActor currentActor;
    private final IdempotentRequests idempotent;

    VerificationController(VerificationService verification, CurrentActor currentActor,
                           IdempotentRequests idempotent) {
        this.verification = verification;
        this.currentActor = currentActor;
        this.idempotent = idempotent;
    }

    /**
     * A comparison posted for verification: its rows, the suspected facts raised (per region: whose queue), and every
     * row that raised none, with line, code and why ({@code unmatched}; none is lost).
     */
    record VerificationComparison(String comparisonId, FactKind kind, String program, int rows, int suspected,
                                  Map<String, Integer> suspectedByRegion, int notSuspected,
                                  List<VerificationComparisonRecorded.NotSuspected> unmatched) {
    }

    /** {@code date}: the date the region found (defaults to the comparison's); {@code evidence}: its reference. */
    record ConfirmationRequest(String date, String evidence) {
    }

    record DismissalRequest(String reason) {
    }

    /** One overpayment case the confirmed fact opened or changed. */
    record ConfirmedCase(String caseId, String program, FactKind cause, String change, List<String> months,
                         String amount) {
    }

    /** A confirmation: the fact recorded (or already recorded) and what it did. */
    record Confirmation(String suspectId, String status, String factId, FactKind kind, String recipientId,
                        boolean alreadyRecorded, int stoppedLines, long overpaymentsIdentified,
                        String overpaidIdentified, List<ConfirmedCase> overpayments) {
    }

    record Dismissal(String suspectId, String status) {
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Post a death comparison for verification (死亡比对，两上两下)")
    @PostMapping(path = "/api/v1/death-comparisons", params = "verify=true",
            consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize("hasAnyRole('CLERK', 'INSPECTOR')")
    @Created
    ResponseEntity<VerificationComparison> deaths(@RequestPart("file") MultipartFile file,
                                                  @RequestParam(required = false) String source,
                                                  @RequestHeader(name = "Idempotency-Key", required = false)
                                                  String key) {
        return compare(FactKind.DEATH, null, file, FileFormat.DEATH_COMPARISON, source, key);
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Post an imprisonment comparison for verification (服刑比对)")
    @PostMapping(path = "/api/v1/imprisonment-comparisons", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize("hasAnyRole('CLERK', 'INSPECTOR')")
    @Created
    ResponseEntity<VerificationComparison> imprisonments(@RequestPart("file") MultipartFile file,
                                                         @RequestParam(required = false) String source,
                                                         @RequestHeader(name = "Idempotency-Key", required = false)
                                                         String key) {
        return compare(FactKind.SUSPENSION, null, file, FileFormat.IMPRISONMENT_COMPARISON, source, key);
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Post the province's duplicate comparison for verification "
            + "(省比对重复领取)")
    @PostMapping(path = "/api/v1/duplicate-comparisons", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize("hasAnyRole('CLERK', 'INSPECTOR')")
    @Created
    ResponseEntity<VerificationComparison> duplicates(@RequestPart("file") MultipartFile file,
                                                      @RequestParam(required = false) String program,
                                                      @RequestParam(required = false) String source,
                                                      @RequestHeader(name = "Idempotency-Key", required = false)
                                                      String key) {
        return compare(FactKind.DUPLICATE_CLAIM, program, file, FileFormat.DUPLICATE_COMPARISON, source, key);
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Confirm a suspected fact (核实属实)")
    @PostMapping(path = "/api/v1/suspected-facts/{id}/confirmation", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAnyRole('CLERK', 'INSPECTOR')")
    ResponseEntity<Confirmation> confirm(@PathVariable String id, @RequestBody ConfirmationRequest request,
                                         @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        Actor actor = currentActor.actingAs(Role.CLERK, Role.INSPECTOR);
        return ConcurrentRetries.run(() -> idempotent.run("suspected-facts:" + id, key, request,
                Confirmation.class, () -> {
                    VerificationService.Confirmed confirmed = verification.confirm(id,
                            request.date() == null || request.date().isBlank() ? null
                                    : Periods.parseDate(request.date()), request.evidence(), actor);
                    FactService.Recorded fact = confirmed.fact();
                    OverpaymentDetector.Result detected = fact.detection();
                    List<ConfirmedCase> cases = detected.changes().stream().map(c -> new ConfirmedCase(c.caseId(),
                            c.programCode(), c.cause(), c.change(),
                            c.months().stream().map(YearMonth::toString).toList(),
                            Money.ofFen(c.amountFen()).toString())).toList();
                    return new IdempotentRequests.Response<>(200, new Confirmation(confirmed.suspectId(),
                            "CONFIRMED", fact.factId(), fact.kind(), fact.recipientId(), fact.alreadyRecorded(),
                            detected.stoppedLines(),
                            detected.changes().stream().filter(c -> c.change().equals("IDENTIFIED")).count(),
                            Money.ofFen(detected.overpaidFen("IDENTIFIED")).toString(), cases));
                }));
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Dismiss a suspected fact (核实不属实)")
    @PostMapping(path = "/api/v1/suspected-facts/{id}/dismissal", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAnyRole('CLERK', 'INSPECTOR')")
    ResponseEntity<Dismissal> dismiss(@PathVariable String id, @RequestBody DismissalRequest request,
                                      @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        Actor actor = currentActor.actingAs(Role.CLERK, Role.INSPECTOR);
        return ConcurrentRetries.run(() -> idempotent.run("suspected-facts:" + id, key, request, Dismissal.class,
                () -> {
                    verification.dismiss(id, request.reason(), actor);
                    return new IdempotentRequests.Response<>(200, new Dismissal(id.strip(), "DISMISSED"));
                }));
    }

    private ResponseEntity<VerificationComparison> compare(FactKind kind, String program, MultipartFile file,
                                                           FileFormat format, String source, String key) {
        String fileName = file.getOriginalFilename() == null ? "upload" : file.getOriginalFilename();
        TabularFile table = TabularReader.read(fileName, file, format.columns());
        String sha256 = table.sha256();
        List<VerificationService.Row> rows = new ArrayList<>(table.rows().size());
        for (TabularRow row : table.rows()) {
            rows.add(switch (kind) {
                case DEATH -> new VerificationService.Row(row.line(), row.value(0), row.value(1), row.value(2), null,
                        null, row.value(3), row.problem());
                case SUSPENSION -> new VerificationService.Row(row.line(), row.value(0), row.value(1), row.value(2),
                        row.value(3), null, row.value(4), row.problem());
                default -> new VerificationService.Row(row.line(), row.value(0), row.value(1), row.value(3),
                        row.value(4), row.value(2), row.value(5), row.problem());
            });
        }
        String defaultSource = source == null || source.isBlank() ? fileName : source.strip();
        Actor actor = currentActor.actingAs(Role.CLERK, Role.INSPECTOR);
        Map<String, String> request = new HashMap<>();
        request.put("file", sha256);
        request.put("source", defaultSource);
        request.put("program", program == null ? "" : program.strip());
        return ConcurrentRetries.run(() -> idempotent.runFile("verification-comparisons:" + kind, key, sha256,
                request, VerificationComparison.class, earlier -> false, () -> {
                    VerificationService.Outcome outcome = verification.compare(kind, program, fileName, sha256, rows,
                            defaultSource, actor);
                    return new IdempotentRequests.Response<>(201, new VerificationComparison(outcome.comparisonId(),
                            kind, program == null ? null : program.strip(), outcome.rows(), outcome.suspected(),
                            outcome.byRegion(), outcome.notSuspected().size(), outcome.notSuspected()));
                }));
    }
}
