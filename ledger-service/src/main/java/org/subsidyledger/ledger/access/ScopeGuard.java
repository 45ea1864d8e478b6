package org.subsidyledger.ledger.access;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.subsidyledger.contract.error.ErrorCode;
import org.subsidyledger.contract.error.LedgerException;
import org.subsidyledger.ledger.batch.PayoutLines;
import org.subsidyledger.ledger.enrolment.Enrolments;
import org.subsidyledger.ledger.fact.ActiveFacts;
import org.subsidyledger.ledger.overpayment.OverpaymentCases;
import org.subsidyledger.ledger.program.Programs;
import org.subsidyledger.projections.port.AccessScope;

/**
 * Region scope for every call that names a recipient, a case, a fact, a batch or a program in its path (SPEC §8):
 * for a user scoped to regions, what lies outside the scope answers 404 with the code of its kind, exactly as if it
 * did not exist — before the controller runs, so a command on it records nothing. Decided on the write side's own
 * indexes, in step with the commands:
 * <ul>
 *   <li>a recipient ({@code /recipients/{id}/…}): within the scope when one of their enrolments is;</li>
 *   <li>a case ({@code /overpayments/{id}/…}): when the recipient's enrolment in the case's program is;</li>
 *   <li>a fact ({@code /facts/{factId}/…}): when its recipient is;</li>
 *   <li>a batch ({@code /batches/{id}/…}) or a program ({@code /programs/{code}/…}): when the program's region and
 *       the scope meet (a district within a city's program). Which of the batch's lines a scoped user may touch is
 *       decided line by line (posting, returns). What concerns the program as a whole (plan, funds, month close,
 *       evaluation) needs a scope that covers all of its region: otherwise {@code 403 FORBIDDEN}.</li>
 * </ul>
 * Unscoped users pass untouched. Lists, summaries and exports are filtered by the query side itself.
 */
@Component
class ScopeGuard implements HandlerInterceptor {

    /**
     * What concerns a program as a whole — its plan, funds, month close and evaluation — is for users whose scope
     * covers the program's whole region; a district user meets a city program's batches and recipients, not these.
     */
    private static final java.util.List<String> PROGRAM_WIDE = java.util.List.of("/api/v1/programs/{code}/plans",
            "/api/v1/programs/{code}/funds", "/api/v1/programs/{code}/months", "/api/v1/programs/{code}/evaluation");

    private final Enrolments enrolments;
    private final OverpaymentCases cases;
    private final ActiveFacts facts;
    private final PayoutLines lines;
    private final Programs programs;

    ScopeGuard(Enrolments enrolments, OverpaymentCases cases, ActiveFacts facts, PayoutLines lines,
               Programs programs) {
        this.enrolments = enrolments;
        this.cases = cases;
        this.facts = facts;
        this.lines = lines;
        this.programs = programs;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        AccessScope scope = AccessScope.current();
        if (!scope.scoped()) {
            return true;
        }
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        @SuppressWarnings("unchecked")
        Map<String, String> variables = (Map<String, String>) request.getAttribute(
                HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        if (!(pattern instanceof String matched) || variables == null) {
            return true;
        }
        String path = apiPath(matched);
        if (path.startsWith("/api/v1/recipients/{id}")) {
            requireRecipient(scope, variables.get("id"));
        } else if (path.startsWith("/api/v1/overpayments/{id}")) {
            requireCase(scope, variables.get("id"));
        } else if (path.startsWith("/api/v1/facts/{factId}")) {
            String recipient = facts.recipientOf(variables.get("factId")).orElse(null);
            if (recipient == null || !coversRecipient(scope, recipient)) {
                throw new LedgerException(ErrorCode.UNKNOWN_FACT, "no fact " + variables.get("factId"));
            }
        } else if (path.startsWith("/api/v1/batches/{id}")) {
            Map.Entry<String, ?> program = lines.programAndPeriod(variables.get("id"));
            if (program != null && !meets(scope, program.getKey())) {
                throw new LedgerException(ErrorCode.UNKNOWN_BATCH, "no batch " + variables.get("id"));
            }
        } else if (path.startsWith("/api/v1/programs/{code}")) {
            String code = variables.get("code");
            if (programs.region(code).isPresent() && !meets(scope, code)) {
                throw new LedgerException(ErrorCode.UNKNOWN_PROGRAM, "program " + code + " does not exist");
            }
            if (PROGRAM_WIDE.stream().anyMatch(path::startsWith) && !programs.region(code)
                    .map(scope::coversAllOf).orElse(true)) {
                throw new LedgerException(ErrorCode.FORBIDDEN, "this concerns the whole program " + code
                        + ", and your region scope covers only part of it (此操作针对整个项目，须由管辖全部区域的用户办理)");
            }
        }
        return true;
    }

    /**
     * The API path a console path stands for: the console's pages and forms about a recipient, case, fact, batch or
     * program ({@code /console/batches/{id}…}) are guarded exactly as the API's ({@code /api/v1/batches/{id}…}).
     */
    static String apiPath(String pattern) {
        return pattern.startsWith("/console/") ? "/api/v1/" + pattern.substring("/console/".length()) : pattern;
    }

    private void requireRecipient(AccessScope scope, String raw) {
        String id = raw == null ? "" : raw.strip().toUpperCase();
        if (!coversRecipient(scope, id)) {
            throw new LedgerException(ErrorCode.UNKNOWN_RECIPIENT, "no recipient " + scope.id(id)
                    + " within your scope");
        }
    }

    private void requireCase(AccessScope scope, String caseId) {
        boolean within = cases.subject(caseId)
                .map(subject -> scope.covers(enrolments.regionsOf(subject.recipientId()).get(subject.programCode())))
                .orElse(false);
        if (!within) {
            throw new LedgerException(ErrorCode.UNKNOWN_OVERPAYMENT, "no overpayment case " + caseId);
        }
    }

    private boolean coversRecipient(AccessScope scope, String id) {
        return enrolments.regionsOf(id).values().stream().anyMatch(scope::covers);
    }

    private boolean meets(AccessScope scope, String program) {
        return programs.region(program).map(region -> region == null || scope.overlaps(region)).orElse(true);
    }
}
