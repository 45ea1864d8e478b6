package org.subsidyledger.ledger.audit;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.subsidyledger.projections.port.ConsolePage;

/**
 * The auditor's page: verifying the hash chain over every stored event (run when asked — it reads them all) with
 * the chain head and the result, as {@code GET /api/v1/audit/verify} answers it; the access log sits below it.
 */
@Controller
@ConsolePage
@PreAuthorize("hasAnyRole('AUDITOR', 'ADMIN')")
@io.swagger.v3.oas.annotations.Hidden
class AuditPages {

    private final AuditController audit;

    AuditPages(AuditController audit) {
        this.audit = audit;
    }

    @GetMapping("/console/audit")
    String page() {
        return "console/audit";
    }

    /** The verification's result (a fragment, loaded when the auditor presses 核验). */
    @GetMapping("/console/audit/verify")
    String verify(Model model) {
        model.addAttribute("verification", audit.verify(null, null));
        return "console/audit :: verification";
    }
}
