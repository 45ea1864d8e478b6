package org.subsidyledger.ledger.tabular;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.subsidyledger.projections.port.ConsolePage;

/** The upload templates for the console's signed-in users: the same workbooks as {@code GET /templates/{kind}.xlsx}. */
@Controller
@ConsolePage
@io.swagger.v3.oas.annotations.Hidden
class TemplatePages {

    private final TemplateController templates;

    TemplatePages(TemplateController templates) {
        this.templates = templates;
    }

    @GetMapping("/console/templates/{kind}.xlsx")
    ResponseEntity<byte[]> template(@PathVariable String kind) {
        return templates.template(kind);
    }
}
