package org.subsidyledger.ledger.enrolment;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.subsidyledger.contract.value.Periods;
import org.subsidyledger.ledger.idempotency.IdempotentRequests;
import org.subsidyledger.ledger.security.Actor;
import org.subsidyledger.ledger.security.CurrentActor;
import org.subsidyledger.ledger.web.Created;
import org.subsidyledger.ledger.security.Role;
import org.subsidyledger.ledger.tabular.FileFormat;
import org.subsidyledger.ledger.tabular.TabularFile;
import org.subsidyledger.ledger.tabular.TabularReader;
import org.subsidyledger.ledger.tabular.TabularRow;
import org.subsidyledger.contract.error.ErrorCode;
import org.subsidyledger.contract.error.RowProblem;
import org.subsidyledger.contract.error.LedgerException;

/**
 * {@code POST /programs/{code}/enrolments}: a JSON list or a CSV/XLSX file. By default one bad row refuses the
 * whole list (422 with every bad row); {@code recordValidRows=true} records the good rows and lists the others.
 */
@RestController
@RequestMapping("/api/v1/programs/{code}/enrolments")
class EnrolmentController {

    private final EnrolmentService enrolments;
    private final CurrentActor currentActor;
    private final IdempotentRequests idempotent;

    EnrolmentController(EnrolmentService enrolments, CurrentActor currentActor, IdempotentRequests idempotent) {
        this.enrolments = enrolments;
        this.currentActor = currentActor;
        this.idempotent = idempotent;
    }

    record EnrolmentRequest(String effectiveFrom, List<RecipientRequest> recipients) {
    }

    /** {@code monthlyStandard} in 元, optional; {@code effectiveFrom} optional when the list gives one. */
    record RecipientRequest(String id, String name, String region, String monthlyStandard, String effectiveFrom) {
    }

    private record FileRequest(String fileSha256, String effectiveFrom, boolean recordValidRows) {
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Enrol recipients in a program (JSON list)")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('CLERK')")
    @Created
    ResponseEntity<Enrolled> enrolJson(@PathVariable String code, @RequestBody EnrolmentRequest request,
                                     @RequestParam(defaultValue = "false") boolean recordValidRows,
                                     @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        if (request.recipients() == null || request.recipients().isEmpty()) {
            throw new LedgerException(ErrorCode.MISSING_VALUE, "recipients must list at least one recipient");
        }
        YearMonth from = request.effectiveFrom() == null ? null : Periods.parseMonth(request.effectiveFrom());
        List<EnrolmentCandidate> candidates = new ArrayList<>(request.recipients().size());
        for (int i = 0; i < request.recipients().size(); i++) {
            RecipientRequest r = request.recipients().get(i);
            candidates.add(new EnrolmentCandidate(i + 1, r.id(), r.name(), r.region(), r.monthlyStandard(),
                    r.effectiveFrom(), null));
        }
        Actor actor = currentActor.actingAs(Role.CLERK);
        return idempotent.run("enrolments:" + code, key, Map.of("body", request, "recordValidRows", recordValidRows),
                Enrolled.class,
                () -> answer(enrolments.enrol(code, "JSON", candidates, from, recordValidRows, actor)));
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Enrol recipients in a program from a file")
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize("hasRole('CLERK')")
    @Created
    ResponseEntity<Enrolled> enrolFile(@PathVariable String code, @RequestPart("file") MultipartFile file,
                                     @RequestParam(required = false) String effectiveFrom,
                                     @RequestParam(defaultValue = "false") boolean recordValidRows,
                                     @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        YearMonth from = effectiveFrom == null || effectiveFrom.isBlank() ? null : Periods.parseMonth(effectiveFrom);
        String fileName = file.getOriginalFilename() == null ? "upload" : file.getOriginalFilename();
        TabularFile table = TabularReader.read(fileName, file, FileFormat.ENROLMENT.columns());
        List<TabularRow> rows = table.rows();
        List<EnrolmentCandidate> candidates = new ArrayList<>(rows.size());
        for (TabularRow row : rows) {
            candidates.add(new EnrolmentCandidate(row.line(), row.value(0), row.value(1), row.value(2), row.value(3),
                    row.value(4), row.problem()));
        }
        Actor actor = currentActor.actingAs(Role.CLERK);
        // The same file posted twice with the same key is recognised by its digest.
        FileRequest identity = new FileRequest(table.sha256(), effectiveFrom, recordValidRows);
        return idempotent.run("enrolments:" + code, key, identity, Enrolled.class,
                () -> answer(enrolments.enrol(code, fileName, candidates, from, recordValidRows, actor)));
    }

    /** Recipients enrolled, and the rows rejected with why (nothing is enrolled when any is, unless asked). */
    record Enrolled(int enrolled, List<RowProblem> rejected) {
    }

    private static IdempotentRequests.Response<Enrolled> answer(EnrolmentService.Outcome outcome) {
        return new IdempotentRequests.Response<>(201, new Enrolled(outcome.enrolled(), outcome.rejected()));
    }
}
