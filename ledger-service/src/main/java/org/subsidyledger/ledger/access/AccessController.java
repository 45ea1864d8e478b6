package org.subsidyledger.ledger.access;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.subsidyledger.contract.access.RecipientRevealed;
import org.subsidyledger.contract.error.ErrorCode;
import org.subsidyledger.contract.error.LedgerException;
import org.subsidyledger.contract.value.BusinessDates;
import org.subsidyledger.contract.value.RecipientId;
import org.subsidyledger.ledger.enrolment.Enrolments;
import org.subsidyledger.ledger.infrastructure.AuditedCommands;
import org.subsidyledger.ledger.infrastructure.BulkEventAppender;
import org.subsidyledger.ledger.security.Actor;
import org.subsidyledger.ledger.security.CurrentActor;
import org.subsidyledger.ledger.security.Role;
import org.subsidyledger.ledger.web.Created;
import org.subsidyledger.projections.port.AccessScope;

/**
 * Reveal (SPEC §8): an evaluator or auditor sees one recipient in full, for a reason, recorded as an event and in the
 * access log; and the access log itself, searchable by user, recipient and time, for auditors and administrators.
 */
@RestController
class AccessController {

    static final String AGGREGATE_TYPE = "Reveal";
    private static final int MAX_REASON = 500;
    private static final int MAX_PAGE = 1000;

    private final JdbcTemplate jdbc;
    private final BulkEventAppender appender;
    private final Enrolments enrolments;
    private final CurrentActor currentActor;
    private final AccessLog accessLog;

    AccessController(JdbcTemplate jdbc, BulkEventAppender appender, Enrolments enrolments, CurrentActor currentActor,
                     AccessLog accessLog) {
        this.jdbc = jdbc;
        this.appender = appender;
        this.enrolments = enrolments;
        this.currentActor = currentActor;
        this.accessLog = accessLog;
    }

    record RevealRequest(String reason) {
    }

    /**
     * What a reveal shows: the ID number in full, the names the recipient is enrolled under and the regions, with the
     * event that recorded it. Later reads stay masked.
     */
    record Revealed(String revealId, String recipientId, List<String> names, List<String> regions, String reason,
                    String eventId) {
    }

    record AccessEntry(long accessId, Instant accessedAt, String user, String roles, String action,
                       String recipientId, String caseId, String path, int status, String reason) {
    }

    record AccessLogPage(List<AccessEntry> items, int page, int size, long total) {
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "See one recipient's ID number and name in full, for a reason")
    @PostMapping(path = "/api/v1/recipients/{id}/reveal", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAnyRole('EVALUATOR', 'AUDITOR')")
    @Created
    @Transactional
    public ResponseEntity<Revealed> reveal(@PathVariable String id, @RequestBody RevealRequest request) {
        String recipient = RecipientId.parse(id).value();
        String reason = request == null || request.reason() == null ? "" : request.reason().strip();
        if (reason.isEmpty()) {
            throw new LedgerException(ErrorCode.MISSING_VALUE, "a reason is required to reveal a recipient (须说明查看原因)");
        }
        if (reason.length() > MAX_REASON) {
            throw new LedgerException(ErrorCode.TEXT_TOO_LONG, "the reason is longer than " + MAX_REASON + " characters");
        }
        AccessScope scope = AccessScope.current();
        Map<String, String> regions = new java.util.HashMap<>(enrolments.regionsOf(recipient));
        regions.values().removeIf(region -> !scope.covers(region));
        if (regions.isEmpty()) {
            throw new LedgerException(ErrorCode.UNKNOWN_RECIPIENT, "no recipient "
                    + AccessScope.current().id(recipient));
        }
        Actor actor = currentActor.actingAs(Role.EVALUATOR, Role.AUDITOR);
        String revealId = UUID.randomUUID().toString();
        GenericDomainEventMessage<RecipientRevealed> event = new GenericDomainEventMessage<>(AGGREGATE_TYPE, revealId,
                0, new RecipientRevealed(revealId, recipient, reason), AuditedCommands.metaDataOf(actor));
        appender.append(List.of(event));
        accessLog.record("REVEAL", recipient, null, "/api/v1/recipients/" + recipient + "/reveal", 201, reason);
        Map<String, String> byProgram = enrolments.namesOf(recipient);
        List<String> names = new ArrayList<>(new TreeSet<>(regions.keySet().stream().map(byProgram::get)
                .filter(java.util.Objects::nonNull).toList()));
        return ResponseEntity.status(201).body(new Revealed(revealId, recipient, names,
                new ArrayList<>(new TreeSet<>(regions.values())), reason, event.getIdentifier()));
    }

    /**
     * @param user      a user name
     * @param recipient a full ID number
     * @param from      ISO-8601 instant (inclusive)
     * @param to        ISO-8601 instant (exclusive)
     * @param action    READ or REVEAL
     */
    @io.swagger.v3.oas.annotations.Operation(summary = "Search the access log (reads and reveals of personal data)")
    @GetMapping("/api/v1/audit/access-log")
    @PreAuthorize("hasAnyRole('AUDITOR', 'ADMIN')")
    public AccessLogPage accessLog(@RequestParam(required = false) String user,
                                   @RequestParam(required = false) String recipient,
                                   @RequestParam(required = false) String from,
                                   @RequestParam(required = false) String to,
                                   @RequestParam(required = false) String action,
                                   @RequestParam(defaultValue = "0") int page,
                                   @RequestParam(defaultValue = "100") int size) {
        List<String> where = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (user != null && !user.isBlank()) {
            where.add("user_name = ?");
            params.add(user.strip());
        }
        if (recipient != null && !recipient.isBlank()) {
            where.add("recipient_id = ?");
            params.add(RecipientId.parse(recipient).value());
        }
        if (from != null && !from.isBlank()) {
            where.add("accessed_at >= ?");
            params.add(java.sql.Timestamp.from(instant("from", from)));
        }
        if (to != null && !to.isBlank()) {
            where.add("accessed_at < ?");
            params.add(java.sql.Timestamp.from(instant("to", to)));
        }
        if (action != null && !action.isBlank()) {
            String normalised = action.strip().toUpperCase();
            if (!normalised.equals("READ") && !normalised.equals("REVEAL")) {
                throw new LedgerException(ErrorCode.INVALID_QUERY, "action must be READ or REVEAL");
            }
            where.add("action = ?");
            params.add(normalised);
        }
        AccessScope caller = AccessScope.current();
        if (caller.scoped()) { // a scoped auditor sees the accesses to the recipients of their regions only
            where.add("EXISTS (SELECT 1 FROM unnest(regions) r WHERE r LIKE ANY (?))");
            params.add(caller.likePatterns());
        }
        String filter = where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
        int pageSize = Math.max(1, Math.min(MAX_PAGE, size));
        int pageNumber = Math.max(0, page);
        long total = jdbc.queryForObject("SELECT count(*) FROM access_log" + filter, Long.class, params.toArray());
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(pageSize);
        pageParams.add((long) pageNumber * pageSize);
        List<AccessEntry> items = jdbc.query("""
                        SELECT access_id, accessed_at, user_name, roles, action, recipient_id, case_id, path, status,
                               reason
                        FROM access_log""" + filter + " ORDER BY accessed_at DESC, access_id DESC LIMIT ? OFFSET ?",
                (rs, n) -> new AccessEntry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                        rs.getString(4), rs.getString(5), caller.id(rs.getString(6)), rs.getString(7),
                        caller.text(rs.getString(8)), rs.getInt(9), caller.text(rs.getString(10))),
                pageParams.toArray());
        return new AccessLogPage(items, pageNumber, pageSize, total);
    }

    private static Instant instant(String name, String value) {
        try {
            return java.time.OffsetDateTime.parse(value.strip()).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            try {
                return java.time.LocalDate.parse(value.strip()).atStartOfDay(BusinessDates.ZONE).toInstant();
            } catch (java.time.format.DateTimeParseException again) {
                throw new LedgerException(ErrorCode.INVALID_QUERY, name
                        + " must be an ISO-8601 date (2026-12-01) or date-time with offset");
            }
        }
    }
}
