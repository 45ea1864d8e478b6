package org.subsidyledger.projections.recipient;

import org.subsidyledger.contract.error.LedgerException;

import org.subsidyledger.contract.error.ErrorCode;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.subsidyledger.contract.fact.FactKind;
import org.subsidyledger.contract.fact.NotDueMonths;
import org.subsidyledger.projections.port.AccessScope;
import org.subsidyledger.projections.support.Amounts;

/**
 * The recipient view: profile, per-program balance, enrolments and payment history.
 *
 * <p>{@code due} is the recipient's standard for every month from the enrolment month through the program's latest
 * disbursed month ({@code paidThrough}) that no active fact makes not due ({@code dueMonths} of them); {@code paid}
 * is the sum of the recipient's lines in disbursed batches that the bank did not return (gross: a deduction kept back
 * from a payment is a repayment, counted in {@code recovered}); {@code overpaid} the sum of the recipient's
 * overpayment cases in the program that are not cancelled; {@code recovered} and {@code writtenOff} what came back and
 * what was written off on all of them; {@code outstanding} what is still to recover and {@code refundDue} what was
 * recovered beyond what the cases now owe (a case cancelled or reduced after a fact was retracted or corrected):
 * outstanding − refundDue = overpaid − recovered − written off.
 */
@RestController
@RequestMapping("/api/v1/recipients")
@PreAuthorize("isAuthenticated()")
class RecipientQueryController {

    private static final String LINE_STATE = org.subsidyledger.projections.batch.BatchLineState.SQL;

    private final JdbcClient jdbc;
    private final org.subsidyledger.projections.standard.StandardTerms terms;
    private final org.subsidyledger.projections.certification.RecipientCertifications certifications;

    RecipientQueryController(JdbcClient jdbc, org.subsidyledger.projections.standard.StandardTerms terms,
                             org.subsidyledger.projections.certification.RecipientCertifications certifications) {
        this.jdbc = jdbc;
        this.terms = terms;
        this.certifications = certifications;
    }

    record Enrolment(String program, String effectiveFrom, String monthlyStandard, String region, String source,
                     Integer sourceLine, Instant enrolledAt, String enrolledBy, String eventId) {
    }

    /**
     * {@code arrearsDue}: arrears (待补发, rule 9) not yet paid by a 补发 line; {@code oneOffPaid}: one-off benefits paid
     * (rule 13), which are not in {@code paid}.
     */
    record Balance(String program, String due, String paid, String overpaid, String recovered, String writtenOff,
                   String outstanding, String refundDue, int dueMonths, String paidThrough, String arrearsDue,
                   String oneOffPaid) {
    }

    /** {@code settlesMonth}: a 补发 line's month; {@code benefit}: a one-off line's kind. */
    record Payment(String batchId, String program, String period, int line, String amount, String state,
                   java.time.LocalDate disbursedOn, String returnReason, String settlesMonth, String benefit) {
    }

    /**
     * @param certifications        the recipient's existence certifications (rule 11), newest first
     * @param certificationStanding per program that requires certification: last certification, due date, and the
     *                              month payment is withheld from without a new one
     */
    record Recipient(String id, String name, String region, List<Balance> programs, List<Enrolment> enrolments,
                     List<Payment> payments,
                     List<org.subsidyledger.projections.certification.RecipientCertifications.CertificationEntry>
                             certifications,
                     List<org.subsidyledger.projections.certification.RecipientCertifications.CertificationStanding>
                             certificationStanding) {
    }

    private record Basis(String program, java.time.YearMonth from, long standardFen, java.time.YearMonth through) {
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Show a recipient with enrolments, payments and balance")
    @GetMapping("/{id}")
    Recipient get(@PathVariable String id) {
        String normalised = id.strip().toUpperCase();
        AccessScope scope = AccessScope.current();
        List<Enrolment> enrolments = jdbc.sql("""
                        SELECT program_code, effective_from, monthly_standard_fen, region, source, source_line,
                               enrolled_at, enrolled_by, event_id
                        FROM enrolment_view WHERE recipient_id = :id ORDER BY program_code""")
                .param("id", normalised)
                .query((rs, n) -> new Enrolment(rs.getString(1), rs.getDate(2).toLocalDate().toString().substring(0, 7),
                        Amounts.yuan(rs.getLong(3)), rs.getString(4), scope.text(rs.getString(5)),
                        (Integer) rs.getObject(6),
                        rs.getTimestamp(7).toInstant(), rs.getString(8), rs.getString(9)))
                .list().stream().filter(e -> scope.covers(e.region())).toList();
        if (enrolments.isEmpty()) { // unknown, or wholly outside the caller's scope: the same answer
            throw new LedgerException(ErrorCode.UNKNOWN_RECIPIENT, "no recipient "
                    + org.subsidyledger.contract.value.PersonalData.maskId(normalised)
                    + (scope.scoped() ? " within your scope" : ""));
        }
        java.util.Set<String> programs = new java.util.HashSet<>();
        enrolments.forEach(e -> programs.add(e.program()));
        Recipient profile = jdbc.sql("""
                        SELECT recipient_id, name, region FROM enrolment_view
                        WHERE recipient_id = :id AND program_code IN (:programs)
                        ORDER BY source_position DESC LIMIT 1""")
                .param("id", normalised).param("programs", programs)
                .query((rs, n) -> new Recipient(scope.id(rs.getString(1)), scope.name(rs.getString(2)),
                        rs.getString(3), List.of(), List.of(), List.of(), List.of(), List.of()))
                .single();
        List<Payment> payments = jdbc.sql("""
                        SELECT l.batch_id, l.program_code, l.period, l.line, l.amount_fen, %s, b.disbursed_on,
                               l.return_reason, l.settles_month, l.benefit
                        FROM batch_line_view l JOIN batch_view b ON b.batch_id = l.batch_id
                        WHERE l.recipient_id = :id AND l.program_code IN (:programs)
                        ORDER BY l.period DESC, b.posted_at DESC""".formatted(LINE_STATE))
                .param("id", normalised).param("programs", programs)
                .query((rs, n) -> new Payment(rs.getString(1), rs.getString(2), month(rs.getDate(3)), rs.getInt(4),
                        Amounts.yuan(rs.getLong(5)), rs.getString(6),
                        rs.getDate(7) == null ? null : rs.getDate(7).toLocalDate(), scope.text(rs.getString(8)),
                        rs.getDate(9) == null ? null : month(rs.getDate(9)), rs.getString(10)))
                .list();
        List<Balance> balances = balances(normalised).stream().filter(b -> programs.contains(b.program())).toList();
        var certified = certifications.of(normalised, programs);
        java.util.Map<String, YearMonth> enrolledFrom = new java.util.HashMap<>();
        enrolments.forEach(e -> enrolledFrom.put(e.program(), YearMonth.parse(e.effectiveFrom())));
        return new Recipient(profile.id(), profile.name(), profile.region(), balances, enrolments, payments,
                certified, certifications.standing(certified, enrolledFrom,
                        org.subsidyledger.contract.value.BusinessDates.today()));
    }

    private List<Balance> balances(String id) {
        List<Basis> bases = jdbc.sql("""
                        SELECT e.program_code, e.effective_from, e.monthly_standard_fen,
                               (SELECT max(b.period) FROM batch_view b
                                WHERE b.program_code = e.program_code AND b.status = 'DISBURSED')
                        FROM enrolment_view e WHERE e.recipient_id = :id ORDER BY e.program_code""")
                .param("id", id)
                .query((rs, n) -> new Basis(rs.getString(1), java.time.YearMonth.from(rs.getDate(2).toLocalDate()),
                        rs.getLong(3), rs.getDate(4) == null ? null
                        : java.time.YearMonth.from(rs.getDate(4).toLocalDate())))
                .list();
        java.util.Map<String, Long> paid = new java.util.HashMap<>();
        java.util.Map<String, Long> oneOffs = new java.util.HashMap<>();
        java.util.Map<String, Long> settling = new java.util.HashMap<>();
        jdbc.sql("""
                        SELECT l.program_code, coalesce(sum(l.amount_fen) FILTER (WHERE l.benefit IS NULL), 0),
                               coalesce(sum(l.amount_fen) FILTER (WHERE l.benefit IS NOT NULL), 0),
                               coalesce(sum(l.amount_fen) FILTER (WHERE l.settles_month IS NOT NULL), 0)
                        FROM batch_line_view l JOIN batch_view b ON b.batch_id = l.batch_id
                        WHERE l.recipient_id = :id AND b.status = 'DISBURSED' AND l.returned_at IS NULL AND l.stopped_at IS NULL
                        GROUP BY l.program_code""")
                .param("id", id)
                .query((rs, n) -> {
                    paid.put(rs.getString(1), rs.getLong(2));
                    oneOffs.put(rs.getString(1), rs.getLong(3));
                    return settling.put(rs.getString(1), rs.getLong(4));
                })
                .list();
        java.util.Map<String, Long> owed = new java.util.HashMap<>();
        if (!bases.isEmpty()) { // by program and recipient: the arrears' index (a 调标 leaves millions of rows)
            jdbc.sql("""
                            SELECT program_code, sum(difference_fen) FROM arrear_view
                            WHERE program_code IN (:programs) AND recipient_id = :id GROUP BY 1""")
                    .param("programs", bases.stream().map(Basis::program).toList()).param("id", id)
                    .query((rs, n) -> owed.put(rs.getString(1), rs.getLong(2)))
                    .list();
        }
        List<NotDue> notDue = jdbc.sql("""
                        SELECT kind, program_code, from_date, to_date FROM life_fact_view
                        WHERE recipient_id = :id AND state = 'ACTIVE'
                          AND NOT (kind = 'SUSPENSION' AND detail IN ('LOST_CONTACT', 'QUALIFICATION_NOT_CONFIRMED'))""")
                .param("id", id)
                .query((rs, n) -> new NotDue(rs.getString(2), NotDueMonths.of(FactKind.valueOf(rs.getString(1)),
                        rs.getDate(3).toLocalDate(), rs.getDate(4) == null ? null : rs.getDate(4).toLocalDate())
                        .orElse(null)))
                .list();
        java.util.Map<String, long[]> cases = new java.util.HashMap<>();
        jdbc.sql("""
                        SELECT program_code, sum(CASE WHEN status = 'CANCELLED' THEN 0 ELSE amount_fen END),
                               sum(recovered_fen), sum(written_off_fen), sum(outstanding_fen), sum(refund_due_fen)
                        FROM overpayment_view WHERE recipient_id = :id
                        GROUP BY program_code""")
                .param("id", id)
                .query((rs, n) -> cases.put(rs.getString(1), new long[]{rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5), rs.getLong(6)}))
                .list();
        List<Balance> balances = new java.util.ArrayList<>();
        java.time.Instant now = java.time.Instant.now();
        for (Basis basis : bases) {
            int months = 0;
            long dueFen = 0;
            org.subsidyledger.contract.standard.Entitlement program = terms.program(basis.program(), now);
            org.subsidyledger.contract.standard.Entitlement.Individual own = terms.recipients(basis.program(),
                    new String[]{id}, now).get(id);
            if (basis.through() != null) {
                for (YearMonth m = basis.from(); !m.isAfter(basis.through()); m = m.plusMonths(1)) {
                    YearMonth month = m;
                    boolean due = notDue.stream().noneMatch(f -> f.months() != null
                            && (f.program() == null || f.program().equals(basis.program()))
                            && f.months().contains(month));
                    months += due ? 1 : 0;
                    dueFen += !due ? 0 : program == null || own == null ? basis.standardFen() : program.due(own, m);
                }
            }
            long[] overpaid = cases.getOrDefault(basis.program(), new long[5]);
            long arrearsDue = Math.max(0, owed.getOrDefault(basis.program(), 0L)
                    - settling.getOrDefault(basis.program(), 0L));
            balances.add(new Balance(basis.program(), Amounts.yuan(dueFen),
                    Amounts.yuan(paid.getOrDefault(basis.program(), 0L)), Amounts.yuan(overpaid[0]),
                    Amounts.yuan(overpaid[1]), Amounts.yuan(overpaid[2]),
                    Amounts.yuan(overpaid[3]), Amounts.yuan(overpaid[4]), months,
                    basis.through() == null ? null : basis.through().toString(), Amounts.yuan(arrearsDue),
                    Amounts.yuan(oneOffs.getOrDefault(basis.program(), 0L))));
        }
        return balances;
    }

    private record NotDue(String program, NotDueMonths months) {
    }

    private static String month(java.sql.Date date) {
        return java.time.YearMonth.from(date.toLocalDate()).toString();
    }
}
