package org.subsidyledger.ledger.batch;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
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
import org.subsidyledger.contract.batch.BatchStatus;
import org.subsidyledger.contract.value.Money;
import org.subsidyledger.contract.value.Periods;
import org.subsidyledger.ledger.batch.BatchCommands.Decision;
import org.subsidyledger.ledger.idempotency.IdempotentRequests;
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
 * Payout batches: posting (JSON lines or a CSV/XLSX file), the review and approval workflow, disbursement and bank
 * returns. Reads (batch view, lines) are in the projections module.
 */
@RestController
class BatchController {

    /** A post that lost a race with a concurrent overlapping post is checked and tried again this many times. */

    private final BatchPostingService posting;
    private final BankReturnService returns;
    private final BatchWorkflow workflow;
    private final CurrentActor currentActor;
    private final IdempotentRequests idempotent;
    private final LineStopService stops;

    BatchController(BatchPostingService posting, BankReturnService returns, BatchWorkflow workflow,
                    CurrentActor currentActor, IdempotentRequests idempotent, LineStopService stops) {
        this.stops = stops;
        this.posting = posting;
        this.returns = returns;
        this.workflow = workflow;
        this.currentActor = currentActor;
        this.idempotent = idempotent;
    }

    record BatchRequest(List<LineRequest> lines) {
    }

    /**
     * {@code amount} in 元 as a string; {@code settlesMonth} ({@code YYYY-MM}): a 补发 line paying that earlier month's
     * arrears; {@code benefit} ({@code FUNERAL_GRANT} or {@code ACCOUNT_BALANCE}): a one-off line.
     */
    record LineRequest(String recipientId, String name, String amount, String note, String settlesMonth,
                       String benefit) {
    }

    record ReviewRequest(Integer level, Decision decision, String comment) {
    }

    record ApprovalRequest(Decision decision, String comment) {
    }

    record DisbursementRequest(String disbursedOn) {
    }

    record CommentRequest(String comment, String reason) {
    }

    /** {@code reference}: the bank's return notice number (退票通知书编号); required after the clerks' window. */
    record ReturnsRequest(List<ReturnRequest> lines, String reference) {
    }

    record ReturnRequest(String recipientId, String reason) {
    }

    private record FileIdentity(String fileSha256, String period) {
    }

    /** A batch posted: its lines accepted (short and over among them) and those rejected, with why. */
    record PostedBatch(String batchId, String program, String period, int accepted, String acceptedTotal,
                       @JsonProperty("short") int shortLines, int over, List<LineProblem> rejected) {
    }

    /** A workflow step recorded, and the batch's status after it. */
    record BatchStep(String batchId, BatchStatus status) {
    }

    /** A disbursement recorded: lines stopped by facts before it, and deductions kept back from lines. */
    record Disbursed(String batchId, BatchStatus status, int stoppedLines, int deductedLines, String deducted) {
    }

    /** Bank returns recorded, and the returned lines refused, with why. */
    record ReturnsRecorded(String batchId, int returned, String returnedTotal, List<LineProblem> rejected) {
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Post a payout batch as a JSON list of lines")
    @PostMapping(path = "/api/v1/programs/{code}/batches", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('CLERK')")
    @Created
    ResponseEntity<PostedBatch> postJson(@PathVariable String code, @RequestParam String period,
                                    @RequestBody BatchRequest request,
                                    @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        YearMonth month = Periods.parseMonth(period);
        if (request.lines() == null || request.lines().isEmpty()) {
            throw new LedgerException(ErrorCode.MISSING_VALUE, "lines must list at least one line");
        }
        List<BatchLineCandidate> candidates = new ArrayList<>(request.lines().size());
        for (int i = 0; i < request.lines().size(); i++) {
            LineRequest line = request.lines().get(i);
            candidates.add(new BatchLineCandidate(i + 1, line.recipientId(), line.name(), line.amount(), null,
                    line.settlesMonth(), line.benefit()));
        }
        Actor actor = currentActor.actingAs(Role.CLERK);
        return ConcurrentRetries.run(() -> idempotent.run(scope(code, month), key, request, PostedBatch.class,
                () -> postAnswer(code, month, posting.post(code, month, "JSON", null, candidates, actor))));
    }

    /**
     * A file is recorded once: without an {@code Idempotency-Key}, its SHA-256 is the key, so the same file posted
     * again for the same program and month answers the first post and records nothing.
     */
    @io.swagger.v3.oas.annotations.Operation(summary = "Post a payout batch file (CSV or XLSX)")
    @PostMapping(path = "/api/v1/programs/{code}/batches", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize("hasRole('CLERK')")
    @Created
    ResponseEntity<PostedBatch> postFile(@PathVariable String code, @RequestParam String period,
                                    @RequestPart("file") MultipartFile file,
                                    @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        YearMonth month = Periods.parseMonth(period);
        String fileName = file.getOriginalFilename() == null ? "upload" : file.getOriginalFilename();
        TabularFile table = TabularReader.read(fileName, file, FileFormat.BATCH.columns());
        String sha256 = table.sha256();
        List<TabularRow> rows = table.rows();
        List<BatchLineCandidate> candidates = new ArrayList<>(rows.size());
        for (TabularRow row : rows) {
            candidates.add(new BatchLineCandidate(row.line(), row.value(0), row.value(1), row.value(2),
                    row.problem(), row.value(4), row.value(5)));
        }
        Actor actor = currentActor.actingAs(Role.CLERK);
        // The same file again answers its first batch, unless that batch was withdrawn: then it is a new batch.
        return ConcurrentRetries.run(() -> idempotent.runFile(scope(code, month), key, sha256,
                new FileIdentity(sha256, period), PostedBatch.class, earlier -> posting.withdrawn(earlier.batchId()),
                () -> postAnswer(code, month, posting.post(code, month, fileName, sha256, candidates, actor))));
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Record a review of a batch at one level")
    @PostMapping(path = "/api/v1/batches/{id}/reviews", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('REVIEWER')")
    BatchStep review(@PathVariable String id, @RequestBody ReviewRequest request) {
        if (request.level() == null) {
            throw new LedgerException(ErrorCode.MISSING_VALUE, "level is required");
        }
        return new BatchStep(id, workflow.review(id, request.level(), request.decision(), request.comment(),
                currentActor.actingAs(Role.REVIEWER)));
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Approve or reject a reviewed batch (finance)")
    @PostMapping(path = "/api/v1/batches/{id}/approval", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('FINANCE')")
    BatchStep approve(@PathVariable String id, @RequestBody ApprovalRequest request) {
        return new BatchStep(id, workflow.decideApproval(id, request.decision(), request.comment(),
                currentActor.actingAs(Role.FINANCE)));
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Record the disbursement of an approved batch")
    @PostMapping(path = "/api/v1/batches/{id}/disbursement", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('FINANCE')")
    Disbursed disburse(@PathVariable String id, @RequestBody DisbursementRequest request) {
        LocalDate disbursedOn = Periods.parseDate(request.disbursedOn());
        LineStopService.Disbursement done = stops.disburse(id, disbursedOn, currentActor.actingAs(Role.FINANCE));
        return new Disbursed(id, done.status(), done.stoppedLines(), done.deductions().size(),
                Money.ofFen(done.deductedFen()).toString());
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Resubmit a rejected batch")
    @PostMapping(path = "/api/v1/batches/{id}/resubmission", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('CLERK')")
    BatchStep resubmit(@PathVariable String id, @RequestBody CommentRequest request) {
        return step(id, new BatchCommands.ResubmitBatch(id, request.comment()), Role.CLERK);
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Withdraw a batch before it is disbursed")
    @PostMapping(path = "/api/v1/batches/{id}/withdrawal", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('CLERK')")
    BatchStep withdraw(@PathVariable String id, @RequestBody CommentRequest request) {
        return step(id, new BatchCommands.WithdrawBatch(id, request.reason()), Role.CLERK);
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Record bank returns of paid lines (JSON)")
    @PostMapping(path = "/api/v1/batches/{id}/returns", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAnyRole('FINANCE', 'CLERK')")
    @Created
    ResponseEntity<ReturnsRecorded> returnsJson(@PathVariable String id, @RequestBody ReturnsRequest request,
                                       @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        if (request.lines() == null || request.lines().isEmpty()) {
            throw new LedgerException(ErrorCode.MISSING_VALUE, "lines must list at least one returned line");
        }
        List<ReturnCandidate> candidates = new ArrayList<>();
        for (int i = 0; i < request.lines().size(); i++) {
            ReturnRequest line = request.lines().get(i);
            candidates.add(new ReturnCandidate(i + 1, line.recipientId(), null, line.reason(), null));
        }
        Actor actor = currentActor.actingAs(Role.FINANCE, Role.CLERK);
        return idempotent.run("returns:" + id, key, request, ReturnsRecorded.class,
                () -> returnAnswer(id, returns.record(id, "JSON", request.reference(), candidates, actor)));
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Record bank returns of paid lines from a file")
    @PostMapping(path = "/api/v1/batches/{id}/returns", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize("hasAnyRole('FINANCE', 'CLERK')")
    @Created
    ResponseEntity<ReturnsRecorded> returnsFile(@PathVariable String id, @RequestPart("file") MultipartFile file,
                                       @RequestParam(required = false) String reference,
                                       @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        String fileName = file.getOriginalFilename() == null ? "upload" : file.getOriginalFilename();
        TabularFile table = TabularReader.read(fileName, file, FileFormat.BANK_RETURN.columns());
        String sha256 = table.sha256();
        List<ReturnCandidate> candidates = new ArrayList<>(table.rows().size());
        for (TabularRow row : table.rows()) {
            candidates.add(new ReturnCandidate(row.line(), row.value(0), row.value(1), row.value(2), row.problem()));
        }
        Actor actor = currentActor.actingAs(Role.FINANCE, Role.CLERK);
        return idempotent.runFile("returns:" + id, key, sha256, new FileIdentity(sha256, id), ReturnsRecorded.class,
                earlier -> false,
                () -> returnAnswer(id, returns.record(id, fileName, reference, candidates, actor)));
    }

    private BatchStep step(String batchId, Object command, Role... roles) {
        return new BatchStep(batchId, workflow.step(batchId, command, currentActor.actingAs(roles)));
    }

    private static String scope(String code, YearMonth month) {
        return "batches:" + code + ":" + month;
    }

    private static IdempotentRequests.Response<PostedBatch> postAnswer(String code, YearMonth month,
                                                                       BatchPostingService.Outcome outcome) {
        return new IdempotentRequests.Response<>(201, new PostedBatch(outcome.batchId(), code, month.toString(),
                outcome.accepted(), Money.ofFen(outcome.acceptedTotalFen()).toString(), outcome.shortCount(),
                outcome.overCount(), outcome.rejected()));
    }

    private static IdempotentRequests.Response<ReturnsRecorded> returnAnswer(String batchId,
                                                                             BankReturnService.Outcome outcome) {
        return new IdempotentRequests.Response<>(201, new ReturnsRecorded(batchId, outcome.returned(),
                Money.ofFen(outcome.returnedTotalFen()).toString(), outcome.rejected()));
    }
}
