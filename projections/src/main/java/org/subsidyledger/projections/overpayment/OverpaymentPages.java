package org.subsidyledger.projections.overpayment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.subsidyledger.projections.port.ConsolePage;

/**
 * The console's 追回台账 and case page, from the recovery ledger API's own queries: the list with its filters and
 * totals, the sums by cause, region and aging bucket behind the charts, the export, and one case with its months,
 * payments, fact, history and the proposals waiting for a second person.
 */
@Controller
@ConsolePage
@PreAuthorize("isAuthenticated()")
@io.swagger.v3.oas.annotations.Hidden
class OverpaymentPages {

    private final OverpaymentQueryController ledger;

    OverpaymentPages(OverpaymentQueryController ledger) {
        this.ledger = ledger;
    }

    /** A proposal (write-off or cancellation) recorded and not yet decided: another person approves or rejects it. */
    record Pending(String kind, String id, String amount, String reason, String proposedBy) {
    }

    @GetMapping("/console/overpayments")
    String list(@RequestParam(required = false) String program, @RequestParam(required = false) String status,
                @RequestParam(required = false) String cause, @RequestParam(required = false) String region,
                @RequestParam(required = false) String aging, @RequestParam(required = false) String recipient,
                @RequestParam(required = false) String nextStep, @RequestParam(required = false) String appealOpen,
                @RequestParam(required = false) String instalmentsOverdue,
                @RequestParam(defaultValue = "0") int page, Model model) {
        Map<String, String> filters = new LinkedHashMap<>();
        put(filters, "program", program);
        put(filters, "status", status);
        put(filters, "cause", cause);
        put(filters, "region", region);
        put(filters, "aging", aging);
        put(filters, "recipient", recipient);
        put(filters, "nextStep", nextStep);
        put(filters, "appealOpen", appealOpen);
        put(filters, "instalmentsOverdue", instalmentsOverdue);
        model.addAttribute("filters", filters);
        model.addAttribute("nextSteps", LedgerQuery.NEXT_STEPS.stream()
                .map(org.subsidyledger.projections.support.Labels::nextStep).toList());
        LedgerQuery.Filter filter = new LedgerQuery.Filter(program, status, cause, region, recipient, aging,
                appealOpen, null, instalmentsOverdue, nextStep);
        model.addAttribute("ledger", ledger.ledger(filter, "age", "desc", page, 50));
        model.addAttribute("byCause", ledger.summary("cause", filter));
        model.addAttribute("byRegion", ledger.summary("region", filter));
        model.addAttribute("byAging", ledger.summary("aging", filter));
        return "console/overpayments";
    }

    /** The export with the page's filters (CSV or XLSX), streamed as the API streams it. */
    @GetMapping("/console/overpayments/export")
    org.springframework.http.ResponseEntity<org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody>
            export(@RequestParam(defaultValue = "xlsx") String format, @RequestParam(required = false) String program,
                   @RequestParam(required = false) String status, @RequestParam(required = false) String cause,
                   @RequestParam(required = false) String region, @RequestParam(required = false) String aging,
                   @RequestParam(required = false) String recipient, @RequestParam(required = false) String nextStep,
                   @RequestParam(required = false) String appealOpen,
                   @RequestParam(required = false) String instalmentsOverdue) {
        return ledger.exportLedger(format, new LedgerQuery.Filter(program, status, cause, region, recipient, aging,
                appealOpen, null, instalmentsOverdue, nextStep));
    }

    /** The printable 追回台账: the filtered list, up to 1,000 cases a page, with the totals. */
    @GetMapping("/console/overpayments/print")
    String print(@RequestParam(required = false) String program, @RequestParam(required = false) String status,
                 @RequestParam(required = false) String cause, @RequestParam(required = false) String region,
                 @RequestParam(required = false) String aging, @RequestParam(required = false) String nextStep,
                 @RequestParam(required = false) String appealOpen,
                 @RequestParam(required = false) String instalmentsOverdue, @RequestParam(defaultValue = "0") int page,
                 Model model) {
        model.addAttribute("ledger", ledger.ledger(new LedgerQuery.Filter(program, status, cause, region, null, aging,
                appealOpen, null, instalmentsOverdue, nextStep), "age", "desc", page, 1000));
        return "console/overpayments-print";
    }

    /** A recipient's cases, as a fragment of the console's recipient page. */
    @GetMapping("/console/recipients/{id}/cases")
    String casesOf(@PathVariable String id, Model model) {
        model.addAttribute("cases", ledger.ledger(LedgerQuery.Filter.of(null, null, null, null, id, null), "age",
                "desc", 0, 1000));
        return "console/recipient :: cases";
    }

    @GetMapping("/console/overpayments/{id}")
    String overpayment(@PathVariable String id, Model model) {
        OverpaymentQueryController.CaseDetail detail = ledger.overpayment(id);
        model.addAttribute("detail", detail);
        model.addAttribute("pending", pending(detail.history()));
        model.addAttribute("idempotencyKey", java.util.UUID.randomUUID().toString());
        return "console/overpayment";
    }

    /** Proposals in the history with no decision after them: their id leads the detail ({@code id: reason}). */
    static List<Pending> pending(List<OverpaymentQueryController.CaseHistoryEntry> history) {
        Map<String, Pending> open = new LinkedHashMap<>();
        for (OverpaymentQueryController.CaseHistoryEntry entry : history) {
            String detail = entry.detail() == null ? "" : entry.detail();
            int colon = detail.indexOf(':');
            String id = colon > 0 ? detail.substring(0, colon).strip() : detail.strip();
            String rest = colon > 0 ? detail.substring(colon + 1).strip() : "";
            switch (entry.change()) {
                case "WRITE_OFF_PROPOSED" -> open.put("W" + id, new Pending("WRITE_OFF", id, entry.amount(), rest,
                        entry.recordedBy()));
                case "CANCEL_PROPOSED" -> open.put("C" + id, new Pending("CANCELLATION", id, null, rest,
                        entry.recordedBy()));
                case "WRITE_OFF_APPROVED", "WRITE_OFF_REJECTED" -> open.remove("W" + id);
                case "CANCEL_APPROVED", "CANCEL_REJECTED" -> open.remove("C" + id);
                default -> {
                }
            }
        }
        return new ArrayList<>(open.values());
    }

    private static void put(Map<String, String> filters, String name, String value) {
        filters.put(name, value == null ? "" : value.strip());
    }
}
