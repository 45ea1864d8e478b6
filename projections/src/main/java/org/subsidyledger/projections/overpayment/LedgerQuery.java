package org.subsidyledger.projections.overpayment;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.subsidyledger.contract.error.ErrorCode;
import org.subsidyledger.contract.error.LedgerException;
import org.subsidyledger.projections.port.AccessScope;

/**
 * The SQL the recovery ledger's list, totals, summary, export and bulk selection share: the cases with their
 * recipient's enrolment and, as of a business day, the recovery procedure's figures that depend on the day (rule 14,
 * docs/rules.md) — and the one where-clause the filters build.
 *
 * <p>As of a day D ({@code :today}, with {@code :month_index} = year × 12 + month of D):
 * <ul>
 * <li>{@code i.due_fen} = min(total, instalment × the plan's months ending before D); {@code i.paid_fen} = recovered
 * now − recovered when the plan was agreed (repayments and deductions, less reversals and refunds), both 分;</li>
 * <li>{@code d.instalments_overdue} = ⌈min(due − paid, outstanding) / instalment⌉ when positive, else 0 (0 for a
 * closed case or one without a plan);</li>
 * <li>{@code s.next_step}: the first that applies of CLOSED (nothing outstanding or cancelled), APPEAL_DECISION (an
 * appeal is open), NOTICE (no notice generated), DELIVER (none delivered), INSTALMENT_OVERDUE, AWAIT_REPAYMENT (an
 * instalment plan not yet paid off and not behind, or D before the deductions may start), DEDUCT.</li>
 * </ul>
 * The aging (age, buckets, sort) counts from the first notice's delivery when there is one, else from identification.
 */
final class LedgerQuery {

    /** The cases, their enrolment and the figures of the day: {@code o}, {@code e}, {@code i}, {@code d}, {@code s}. */
    static final String FROM = """
             FROM overpayment_view o
             LEFT JOIN enrolment_view e ON e.program_code = o.program_code AND e.recipient_id = o.recipient_id
             CROSS JOIN LATERAL (
                 SELECT CASE WHEN o.instalment_fen IS NULL THEN 0
                             ELSE least(o.instalments_total_fen, o.instalment_fen * greatest(0, :month_index
                                  - (extract(year FROM o.instalments_from) * 12
                                     + extract(month FROM o.instalments_from))::int)) END AS due_fen,
                        CASE WHEN o.instalment_fen IS NULL THEN 0
                             ELSE o.recovered_fen - o.instalments_recovered_fen END AS paid_fen) i
             CROSS JOIN LATERAL (
                 SELECT CASE WHEN o.instalment_fen IS NULL OR o.status NOT IN ('OPEN', 'PARTIAL') THEN 0
                             ELSE (greatest(0, least(i.due_fen - i.paid_fen, o.outstanding_fen)) + o.instalment_fen - 1)
                                  / o.instalment_fen END AS instalments_overdue) d
             CROSS JOIN LATERAL (
                 SELECT CASE WHEN o.status NOT IN ('OPEN', 'PARTIAL') THEN 'CLOSED'
                             WHEN o.open_appeal_id IS NOT NULL THEN 'APPEAL_DECISION'
                             WHEN o.notice_count = 0 THEN 'NOTICE'
                             WHEN o.notice_delivered_on IS NULL THEN 'DELIVER'
                             WHEN d.instalments_overdue > 0 THEN 'INSTALMENT_OVERDUE'
                             WHEN o.instalment_fen IS NOT NULL AND i.paid_fen < o.instalments_total_fen
                                  OR CAST(:today AS date) < o.deductions_from THEN 'AWAIT_REPAYMENT'
                             ELSE 'DEDUCT' END AS next_step) s
            """;

    /** The columns of one ledger item, read by name ({@code OverpaymentQueryController.item}, the export). */
    static final String SELECT = """
            SELECT o.case_id, o.recipient_id, e.name, e.region, o.program_code, o.cause, o.rule,
                   ARRAY(SELECT to_char(m.period, 'YYYY-MM') FROM overpayment_month_view m
                         WHERE m.case_id = o.case_id ORDER BY m.period) AS months,
                   o.amount_fen, o.recovered_fen, o.written_off_fen, o.status, o.identified_on, o.fact_id,
                   o.outstanding_fen, o.refund_due_fen, o.deduction_cap_fen, o.notice_delivered_on,
                   o.open_appeal_id IS NOT NULL AS appeal_open, d.instalments_overdue, s.next_step
            """ + FROM;

    /** The day a case's aging counts from: the first delivery of a notice, else the day it was identified. */
    static final String AGING_FROM = "coalesce(o.notice_delivered_on, o.identified_on)";

    /** Aging buckets by whole months since {@link #AGING_FROM}, as of {@code :today}. */
    static final String AGING = """
            CASE WHEN age(CAST(:today AS date), %1$s) < interval '3 months' THEN '0-3'
                 WHEN age(CAST(:today AS date), %1$s) < interval '6 months' THEN '3-6'
                 WHEN age(CAST(:today AS date), %1$s) < interval '12 months' THEN '6-12'
                 ELSE '12+' END""".formatted(AGING_FROM);

    /** The next steps, in their order of precedence ({@link #FROM}). */
    static final List<String> NEXT_STEPS = List.of("CLOSED", "APPEAL_DECISION", "NOTICE", "DELIVER",
            "INSTALMENT_OVERDUE", "AWAIT_REPAYMENT", "DEDUCT");

    private static final Set<String> STATUSES = Set.of("OPEN", "PARTIAL", "RECOVERED", "WRITTEN_OFF", "CANCELLED");
    private static final Set<String> CAUSES = Set.of("DEATH", "SUSPENSION", "DUPLICATE_CLAIM", "ENROLMENT_END",
            "STANDARD_CHANGE", "DUPLICATE_ONE_OFF");
    private static final Set<String> AGING_BUCKETS = Set.of("0-3", "3-6", "6-12", "12+");

    private LedgerQuery() {
    }

    /**
     * What the ledger is filtered by; null or blank is no filter. {@code appealOpen}, {@code noticeDelivered},
     * {@code instalmentsOverdue}: {@code true} or {@code false}; {@code nextStep}: one of {@link #NEXT_STEPS}.
     */
    record Filter(String program, String status, String cause, String region, String recipient, String aging,
                  String appealOpen, String noticeDelivered, String instalmentsOverdue, String nextStep) {

        /** The filters the ledger had before the recovery procedure. */
        static Filter of(String program, String status, String cause, String region, String recipient,
                         String aging) {
            return new Filter(program, status, cause, region, recipient, aging, null, null, null, null);
        }
    }

    /** A where-clause ({@code ""} or {@code " WHERE …"}) and its parameters, {@code :today} among them. */
    record Where(String clause, Map<String, Object> params) {

        /** This where-clause and one more condition. */
        Where and(String condition) {
            return new Where(clause.isEmpty() ? " WHERE " + condition : clause + " AND " + condition, params);
        }
    }

    /** The where-clause of {@code filter}, within the caller's region scope, as of {@code today}. */
    static Where where(Filter filter, LocalDate today) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("today", today);
        params.put("month_index", today.getYear() * 12 + today.getMonthValue());
        if (present(filter.aging())) {
            where.add(AGING + " = :aging");
            params.put("aging", oneOf("aging", filter.aging().strip().replace(' ', '+'), AGING_BUCKETS));
        }
        if (present(filter.program())) {
            where.add("o.program_code = :program");
            params.put("program", filter.program().strip());
        }
        if (present(filter.status())) {
            where.add("o.status = :status");
            params.put("status", oneOf("status", filter.status(), STATUSES));
        }
        if (present(filter.cause())) {
            where.add("o.cause = :cause");
            params.put("cause", oneOf("cause", filter.cause(), CAUSES));
        }
        if (present(filter.recipient())) {
            where.add("o.recipient_id = :recipient");
            params.put("recipient", filter.recipient().strip().toUpperCase());
        }
        if (present(filter.appealOpen())) {
            where.add("(o.open_appeal_id IS NOT NULL) = :appeal_open");
            params.put("appeal_open", bool("appealOpen", filter.appealOpen()));
        }
        if (present(filter.noticeDelivered())) {
            where.add("(o.notice_delivered_on IS NOT NULL) = :notice_delivered");
            params.put("notice_delivered", bool("noticeDelivered", filter.noticeDelivered()));
        }
        if (present(filter.instalmentsOverdue())) {
            where.add("(d.instalments_overdue > 0) = :instalments_overdue");
            params.put("instalments_overdue", bool("instalmentsOverdue", filter.instalmentsOverdue()));
        }
        if (present(filter.nextStep())) {
            where.add("s.next_step = :next_step");
            params.put("next_step", oneOf("nextStep", filter.nextStep(), Set.copyOf(NEXT_STEPS)));
        }
        AccessScope scope = AccessScope.current().narrowedTo(filter.region());
        if (scope.scoped()) {
            where.add(scope.sql("e.region"));
            params.put("scope_regions", scope.likePatterns());
        }
        return new Where(where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where), params);
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static boolean bool(String name, String value) {
        return switch (value.strip().toLowerCase()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new LedgerException(ErrorCode.INVALID_QUERY, name + " must be true or false");
        };
    }

    private static String oneOf(String name, String value, Set<String> allowed) {
        String normalised = value.strip().toUpperCase();
        if (!allowed.contains(normalised)) {
            throw new LedgerException(ErrorCode.INVALID_QUERY, name + " must be one of "
                    + allowed.stream().sorted().toList());
        }
        return normalised;
    }
}
