package org.subsidyledger.ledger.access;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.subsidyledger.contract.value.RecipientId;
import org.subsidyledger.ledger.overpayment.OverpaymentCases;

/**
 * The access log (SPEC §8): every read of one recipient's profile, facts or case, by anyone, with its answer's
 * status (a 404 for a recipient outside the caller's scope is recorded too: someone looked), and every reveal. Rows
 * go to {@code access_log}, which the application role may only insert into and read (afterMigrate.sql); searched
 * with {@code GET /api/v1/audit/access-log}. A read is recorded after it is answered, in its own statement: the log
 * failing does not fail the read, but is logged as an error.
 */
@Component
class AccessLog implements HandlerInterceptor {

    private static final Logger log = LoggerFactory.getLogger(AccessLog.class);
    /** The reads of one person's data. */
    private static final Set<String> READS = Set.of("/api/v1/recipients/{id}", "/api/v1/recipients/{id}/facts",
            "/api/v1/recipients/{id}/cases",
            "/api/v1/overpayments/{id}", "/api/v1/overpayments/{id}/notices/{noticeId}");
    /**
     * Requests that generate recovery notices, each addressed to its recipient by name and ID number (rule 14): reads
     * of those cases, one row per case the request names in {@link OverpaymentCases#CASES_READ} or its path.
     */
    private static final Set<String> NOTICE_GENERATIONS = Set.of("/api/v1/overpayments/{id}/notices",
            "/api/v1/overpayments/notices");

    private final JdbcTemplate jdbc;
    private final OverpaymentCases cases;
    private final org.subsidyledger.ledger.enrolment.Enrolments enrolments;

    AccessLog(JdbcTemplate jdbc, OverpaymentCases cases, org.subsidyledger.ledger.enrolment.Enrolments enrolments) {
        this.jdbc = jdbc;
        this.cases = cases;
        this.enrolments = enrolments;
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
                                Exception ex) {
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        String path = pattern instanceof String matched ? ScopeGuard.apiPath(matched) : null;
        if ("POST".equals(request.getMethod()) && path != null && NOTICE_GENERATIONS.contains(path)) {
            generations(request, response, path);
            return;
        }
        if (!"GET".equals(request.getMethod()) || path == null || !READS.contains(path)) {
            return;
        }
        @SuppressWarnings("unchecked")
        Map<String, String> variables = (Map<String, String>) request.getAttribute(
                HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        String id = variables == null ? null : variables.get("id");
        try {
            if (path.startsWith("/api/v1/overpayments/")) {
                String recipient = cases.subject(id).map(OverpaymentCases.Subject::recipientId).orElse(null);
                record("READ", recipient, id, path(request), response.getStatus(), null);
            } else {
                record("READ", id == null ? null : id.strip().toUpperCase(), null, path(request),
                        response.getStatus(), null);
            }
        } catch (RuntimeException e) {
            log.error("access log: the read of {} by {} could not be recorded: {}", RecipientId.maskAll(
                    request.getRequestURI()), userName(), RecipientId.maskAll(String.valueOf(e.getMessage())));
        }
    }

    private void generations(HttpServletRequest request, HttpServletResponse response, String path) {
        @SuppressWarnings("unchecked")
        Map<String, String> variables = (Map<String, String>) request.getAttribute(
                HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        java.util.List<String> caseIds = new java.util.ArrayList<>();
        if (request.getAttribute(OverpaymentCases.CASES_READ) instanceof java.util.List<?> named) {
            named.forEach(caseId -> caseIds.add(String.valueOf(caseId)));
        } else if (variables != null && variables.get("id") != null && path.contains("{id}")) {
            caseIds.add(variables.get("id"));
        }
        for (String caseId : caseIds) {
            try {
                String recipient = cases.subject(caseId).map(OverpaymentCases.Subject::recipientId).orElse(null);
                record("READ", recipient, caseId, path(request), response.getStatus(), "追回通知书");
            } catch (RuntimeException e) {
                log.error("access log: the notice of case {} by {} could not be recorded: {}", caseId, userName(),
                        RecipientId.maskAll(String.valueOf(e.getMessage())));
            }
        }
    }

    /**
     * Records one access by the signed-in user, with the regions of the recipient's enrolments (what a scoped auditor
     * may search by); a recipient id that is not a well-formed number is kept as null.
     */
    void record(String action, String recipientId, String caseId, String path, int status, String reason) {
        String recipient = recipientId != null && RecipientId.problemWith(recipientId) == null ? recipientId : null;
        String[] regions = recipient == null ? null : enrolments.regionsOf(recipient).values().stream()
                .filter(java.util.Objects::nonNull).distinct().sorted().toArray(String[]::new);
        jdbc.update("""
                        INSERT INTO access_log (user_name, roles, action, recipient_id, case_id, path, status, reason,
                                                regions)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", userName(), roles(), action, recipient,
                caseId == null || caseId.length() > 36 ? null : caseId, truncate(path, 300), status, reason, regions);
    }

    /** The path as the handler saw it: decoded, so that an ID number in it is recognised (and masked) as one. */
    private static String path(HttpServletRequest request) {
        String uri = request.getRequestURI();
        try {
            return java.net.URLDecoder.decode(uri.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return uri;
        }
    }

    private static String userName() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null ? "" : truncate(authentication.getName(), 100);
    }

    private static String roles() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null ? "" : truncate(authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority).filter(a -> a.startsWith("ROLE_") || a.startsWith("REGION_"))
                .sorted().collect(Collectors.joining(" ")), 200);
    }

    private static String truncate(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length);
    }
}
