package org.subsidyledger.projections.fact;

import org.subsidyledger.contract.error.LedgerException;

import org.subsidyledger.contract.error.ErrorCode;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.subsidyledger.contract.fact.FactKind;
import org.subsidyledger.contract.fact.NotDueMonths;
import org.subsidyledger.projections.port.AccessScope;
import org.subsidyledger.projections.support.Page;

/**
 * Life events as recorded: a recipient's facts with the months they make not due and every later change, one fact,
 * and the report of a death comparison with the rows it did not record.
 */
@RestController
@PreAuthorize("isAuthenticated()")
class FactQueryController {

    private final JdbcClient jdbc;

    FactQueryController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record FactChange(String change, LocalDate from, LocalDate to, LocalDate previousFrom, LocalDate previousTo,
                  String reason, Instant recordedAt, String recordedBy, String eventId) {
    }

    /**
     * @param notDue the months it makes not due ({@code first…last}, open-ended without last), or null when none
     */
    record FactDetail(String factId, String recipientId, String kind, String program, LocalDate from, LocalDate to,
                String detail, String source, String state, String notDueFrom, String notDueThrough, String rule,
                String comparisonId, Integer comparisonLine, Instant recordedAt, String recordedBy, String eventId,
                List<FactChange> changes) {
    }

    record ComparisonRow(int line, String recipientId, String name, String dateOfDeath, String source, String code,
                         String message) {
    }

    record Comparison(String comparisonId, String source, String fileSha256, int rows, int recorded,
                      int alreadyKnown, int notRecorded, Instant recordedAt, String recordedBy, String eventId,
                      Page<ComparisonRow> rejected) {
    }

    private static final String SELECT = """
            SELECT fact_id, recipient_id, kind, program_code, from_date, to_date, detail, source, state,
                   comparison_id, comparison_line, recorded_at, recorded_by, event_id
            FROM life_fact_view""";

    @io.swagger.v3.oas.annotations.Operation(summary = "List the facts recorded about a recipient")
    @GetMapping("/api/v1/recipients/{id}/facts")
    List<FactDetail> factsOf(@PathVariable String id) {
        AccessScope scope = AccessScope.current();
        return jdbc.sql(SELECT + " WHERE recipient_id = :id AND " + IN_SCOPE.formatted(scope.sql("e.region"))
                        + " ORDER BY recorded_at, fact_id")
                .param("id", id.strip().toUpperCase()).param("scope_regions", scope.likePatterns())
                .query((rs, n) -> fact(rs, scope)).list();
    }

    /** The recipient of the row has an enrolment within the caller's scope. */
    private static final String IN_SCOPE = "EXISTS (SELECT 1 FROM enrolment_view e"
            + " WHERE e.recipient_id = life_fact_view.recipient_id AND %s)";

    @io.swagger.v3.oas.annotations.Operation(summary = "Show a fact with its corrections")
    @GetMapping("/api/v1/facts/{factId}")
    FactDetail fact(@PathVariable String factId) {
        AccessScope scope = AccessScope.current();
        return jdbc.sql(SELECT + " WHERE fact_id = :id AND " + IN_SCOPE.formatted(scope.sql("e.region")))
                .param("id", factId).param("scope_regions", scope.likePatterns())
                .query((rs, n) -> fact(rs, scope)).optional()
                .orElseThrow(() -> new LedgerException(ErrorCode.UNKNOWN_FACT, "no fact " + factId));
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Show a death comparison report")
    @GetMapping("/api/v1/death-comparisons/{id}")
    Comparison comparison(@PathVariable String id, @RequestParam(defaultValue = "0") int page,
                          @RequestParam(defaultValue = "100") int size) {
        int pageSize = Page.size(size);
        int pageNumber = Math.max(0, page);
        AccessScope scope = AccessScope.current();
        // A scoped user sees the rows about recipients within the scope, and the rows that match no enrolled
        // recipient only of a comparison they posted themselves: a row about another region's recipient is not theirs.
        String visible = !scope.scoped() ? "TRUE" : """
                (EXISTS (SELECT 1 FROM enrolment_view e WHERE e.recipient_id = r.recipient_id AND %s)
                 OR (NOT EXISTS (SELECT 1 FROM enrolment_view e WHERE e.recipient_id = r.recipient_id)
                     AND EXISTS (SELECT 1 FROM death_comparison_view c
                                 WHERE c.comparison_id = r.comparison_id AND c.recorded_by = :caller)))"""
                .formatted(scope.sql("e.region"));
        String caller = AccessScope.userName();
        List<ComparisonRow> rows = jdbc.sql("""
                        SELECT line, recipient_id, name, date_of_death, source, code, message
                        FROM death_comparison_row_view r WHERE comparison_id = :id AND %s ORDER BY line
                        LIMIT :limit OFFSET :offset""".formatted(visible))
                .param("id", id).param("limit", pageSize).param("offset", (long) pageNumber * pageSize)
                .param("scope_regions", scope.likePatterns()).param("caller", caller)
                .query((rs, n) -> new ComparisonRow(rs.getInt(1), scope.id(rs.getString(2)),
                        scope.name(rs.getString(3)), rs.getString(4), scope.text(rs.getString(5)), rs.getString(6),
                        scope.masked() && "NAME_MISMATCH".equals(rs.getString(6))
                                ? "the name differs from the enrolled name (姓名与登记不符)" // the message names both
                                : scope.text(rs.getString(7)))).list();
        long visibleRows = !scope.scoped() ? -1 : jdbc.sql("SELECT count(*) FROM death_comparison_row_view r"
                        + " WHERE comparison_id = :id AND " + visible)
                .param("id", id).param("scope_regions", scope.likePatterns()).param("caller", caller)
                .query(Long.class).single();
        return jdbc.sql("""
                        SELECT comparison_id, source, file_sha256, rows, recorded, already_known, not_recorded,
                               recorded_at, recorded_by, event_id
                        FROM death_comparison_view WHERE comparison_id = :id""").param("id", id)
                .query((rs, n) -> new Comparison(rs.getString(1), scope.text(rs.getString(2)), rs.getString(3),
                        rs.getInt(4),
                        rs.getInt(5), rs.getInt(6), rs.getInt(7), rs.getTimestamp(8).toInstant(), rs.getString(9),
                        rs.getString(10), new Page<>(rows, pageNumber, pageSize,
                        visibleRows < 0 ? rs.getInt(7) : visibleRows)))
                .optional()
                .orElseThrow(() -> new LedgerException(ErrorCode.UNKNOWN_COMPARISON, "no death comparison " + id));
    }

    private FactDetail fact(java.sql.ResultSet rs, AccessScope scope) throws java.sql.SQLException {
        String factId = rs.getString(1);
        FactKind kind = FactKind.valueOf(rs.getString(3));
        LocalDate from = rs.getDate(5).toLocalDate();
        LocalDate to = rs.getDate(6) == null ? null : rs.getDate(6).toLocalDate();
        String state = rs.getString(9);
        NotDueMonths notDue = state.equals("ACTIVE") ? NotDueMonths.of(kind, from, to).orElse(null) : null;
        List<FactChange> changes = jdbc.sql("""
                        SELECT change, from_date, to_date, previous_from, previous_to, reason, recorded_at,
                               recorded_by, event_id
                        FROM life_fact_change_view WHERE fact_id = :id ORDER BY sequence""").param("id", factId)
                .query((r, n) -> new FactChange(r.getString(1), date(r.getDate(2)), date(r.getDate(3)),
                        date(r.getDate(4)), date(r.getDate(5)), scope.text(r.getString(6)), r.getTimestamp(7).toInstant(),
                        r.getString(8), r.getString(9))).list();
        return new FactDetail(factId, scope.id(rs.getString(2)), kind.name(), rs.getString(4), from, to,
                scope.text(rs.getString(7)), scope.text(rs.getString(8)), state, notDue == null ? null : notDue.first().toString(),
                notDue == null || notDue.last() == null ? null : notDue.last().toString(), NotDueMonths.ruleOf(kind),
                rs.getString(10), (Integer) rs.getObject(11), rs.getTimestamp(12).toInstant(), rs.getString(13),
                rs.getString(14), changes);
    }

    private static LocalDate date(java.sql.Date date) {
        return date == null ? null : date.toLocalDate();
    }
}
