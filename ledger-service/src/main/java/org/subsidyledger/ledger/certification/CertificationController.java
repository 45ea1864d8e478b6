package org.subsidyledger.ledger.certification;

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
import org.subsidyledger.contract.certification.CertificationFileRecorded;
import org.subsidyledger.contract.certification.CertificationMethod;
import org.subsidyledger.contract.certification.CertificationRecorded;
import org.subsidyledger.contract.value.Periods;
import org.subsidyledger.ledger.idempotency.IdempotentRequests;
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
 * Existence certifications (生存认证, rule 11): one recipient's, or a file of them (认证名单). A certification
 * already recorded (same recipient, program or all, and day) is answered 200 with {@code alreadyRecorded: true}; a
 * new one 201, with the withheld months it released per program. The same file twice records once. Reads are in the
 * projections module (work list, the recipient's certifications).
 */
@RestController
class CertificationController {

    private final CertificationService certifications;
    private final CurrentActor currentActor;
    private final IdempotentRequests idempotent;

    CertificationController(CertificationService certifications, CurrentActor currentActor,
                            IdempotentRequests idempotent) {
        this.certifications = certifications;
        this.currentActor = currentActor;
        this.idempotent = idempotent;
    }

    /** {@code program} omitted: for every program the recipient is enrolled in. */
    record CertifyRequest(String program, String certifiedOn, String method, String reference) {
    }

    /** The months of one program a certification released: they stay due and become arrears (rule 10). */
    record ReleasedMonths(String program, List<String> months) {

        static List<ReleasedMonths> of(List<CertificationRecorded.Release> released) {
            return released.stream().map(r -> new ReleasedMonths(r.programCode(),
                    r.months().stream().map(YearMonth::toString).toList())).toList();
        }
    }

    /** A certification recorded (or already recorded: {@code certificationId} null) and what it released. */
    record CertificationResult(String certificationId, String recipientId, String program, String certifiedOn,
                               CertificationMethod method, boolean alreadyRecorded, List<ReleasedMonths> released) {
    }

    /** A certification file: its rows, those recorded, already known, the rows not recorded (with why). */
    record CertificationFileResult(String fileId, int rows, int recorded, int alreadyRecorded, int notRecorded,
                                   int recipientsReleased, int monthsReleased,
                                   List<CertificationFileRecorded.FileRow> rejected) {
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Record an existence certification (生存认证)")
    @PostMapping(path = "/api/v1/recipients/{id}/certifications", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('CLERK')")
    @Created(orAlreadyRecorded = true)
    ResponseEntity<CertificationResult> certify(@PathVariable String id, @RequestBody CertifyRequest request,
                                                @RequestHeader(name = "Idempotency-Key", required = false)
                                                String key) {
        Actor actor = currentActor.actingAs(Role.CLERK);
        return ConcurrentRetries.run(() -> idempotent.run("certifications:" + id, key, request,
                CertificationResult.class, () -> {
                    CertificationService.Recorded recorded = certifications.record(id, request.program(),
                            Periods.parseDate(request.certifiedOn()), CertificationMethod.parse(request.method()),
                            request.reference(), actor);
                    return new IdempotentRequests.Response<>(recorded.alreadyRecorded() ? 200 : 201,
                            new CertificationResult(recorded.certificationId(), recorded.recipientId(),
                                    recorded.programCode(), recorded.certifiedOn().toString(), recorded.method(),
                                    recorded.alreadyRecorded(), ReleasedMonths.of(recorded.released())));
                }));
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Post a certification file (生存认证名单)")
    @PostMapping(path = "/api/v1/certifications", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize("hasRole('CLERK')")
    @Created
    ResponseEntity<CertificationFileResult> certifyFile(@RequestPart("file") MultipartFile file,
                                                        @RequestParam(required = false) String program,
                                                        @RequestHeader(name = "Idempotency-Key", required = false)
                                                        String key) {
        String fileName = file.getOriginalFilename() == null ? "upload" : file.getOriginalFilename();
        TabularFile table = TabularReader.read(fileName, file, FileFormat.CERTIFICATION.columns());
        String sha256 = table.sha256();
        List<CertificationService.Row> rows = new ArrayList<>(table.rows().size());
        for (TabularRow row : table.rows()) {
            rows.add(new CertificationService.Row(row.line(), row.value(0), row.value(1), row.value(2),
                    row.value(3), row.problem()));
        }
        Actor actor = currentActor.actingAs(Role.CLERK);
        Map<String, String> request = new HashMap<>();
        request.put("file", sha256);
        request.put("program", program == null ? "" : program.strip());
        return ConcurrentRetries.run(() -> idempotent.runFile("certifications" + (program == null ? ""
                        : ":" + program.strip()), key, sha256, request, CertificationFileResult.class,
                earlier -> false, () -> {
                    CertificationService.Outcome outcome = certifications.recordFile(fileName, sha256, program, rows,
                            actor);
                    return new IdempotentRequests.Response<>(201, new CertificationFileResult(outcome.fileId(),
                            outcome.rows(), outcome.recorded(), outcome.alreadyKnown(), outcome.notRecorded().size(),
                            outcome.recipientsReleased(), outcome.monthsReleased(), outcome.notRecorded()));
                }));
    }
}
