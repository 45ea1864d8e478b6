package org.subsidyledger.projections.indicator;

import java.util.List;
import org.subsidyledger.contract.fact.FactKind;

/**
 * One named set of rows that an indicator's numerator or denominator counts or sums — "payments not returned",
 * "batches disbursed on time", "cases about the year". A source is a filter over its {@link Family}'s rows; the
 * figure's total and the drill-down's rows are both read through that one filter ({@link IndicatorSources}), so they
 * agree by construction, as of any moment.
 *
 * @param name         stable name, shown in the registry ({@code GET /api/v1/indicators})
 * @param family       the rows it is drawn from
 * @param description  what it is, in Chinese, for the registry
 * @param filter       SQL predicate over the family's aliases, with the scope's named parameters
 * @param amount       what it sums, when it differs from the family's amount
 * @param distinct     when set, it counts distinct values of this expression, not rows (and lists one row per value)
 * @param runningCount for the table "now": the {@code batch_view} running total that counts the same rows (for a
 *                     distinct source, a whole query over the running totals that counts the same values)
 * @param runningSum   for the table "now": the {@code batch_view} running total that sums them
 * @param lastMonth    only the rows of the last month of the year with a disbursed batch
 */
public record Source(String name, Family family, String description, String filter, String amount, String distinct,
                     String runningCount, String runningSum, boolean lastMonth) {

    /** A line not returned by the bank as of the moment. */
    static final String NOT_RETURNED = "(l.returned_at IS NULL OR l.returned_at > :at)";

    /**
     * A payment of a person-month: a monthly line not returned as of the moment — not a 补发 line (it pays an earlier
     * month's arrears) nor a one-off benefit (rule 9, 13).
     */
    static final String PAID = NOT_RETURNED + " AND l.settles_month IS NULL AND l.benefit IS NULL";

    /** A batch disbursed on or before the program's deadline day of its month (the day clamped to the month). */
    static final String ON_TIME = """
            (b.disbursed_on <= b.period + (least(:deadline, extract(day FROM b.period + interval '1 month'
                                                   - interval '1 day')::int) - 1))""";

    public static final Source FUNDS = of("funds", Family.FUNDS, "到位资金（年度各笔到账）", "true");
    public static final Source PLAN_BUDGET = of("planBudget", Family.PLAN, "年度计划预算资金", "true");
    public static final Source PLAN_RECIPIENTS = of("planRecipients", Family.PLAN, "年度计划发放人数", "true");
    public static final Source PLAN_PAYOUTS = of("planPayouts", Family.PLAN, "年度计划发放次数", "true");

    public static final Source BATCHES_DISBURSED = of("batchesDisbursed", Family.BATCHES, "已发放批次", "true");
    public static final Source BATCHES_ON_TIME = of("batchesOnTime", Family.BATCHES, "按时发放批次", ON_TIME);
    public static final Source BATCHES_LATE = of("batchesLate", Family.BATCHES, "逾期发放批次", "NOT " + ON_TIME);
    public static final Source MONTHS_PAID = new Source("monthsPaid", Family.BATCHES, "有发放批次的月份", "true", null,
            "b.period", null, null, false);

    public static final Source PAYMENTS_SENT = new Source("paymentsSent", Family.PAYMENTS, "发送银行的发放笔数",
            "true", null, null, "line_count - stopped_count", null, false);
    public static final Source PAYMENTS_RETURNED = new Source("paymentsReturned", Family.PAYMENTS, "银行退回笔数",
            "l.returned_at <= :at", null, null, "returned_count", null, false);
    public static final Source PAYMENTS_PAID = new Source("paymentsPaid", Family.PAYMENTS, "发放人次（未退回）", PAID,
            null, null, "paid_count", "paid_fen", false);
    /**
     * A person-month with arrears still owed as of the moment (rule 9: a 调标 raised what was due for it beyond what
     * was paid, and 补发 lines disbursed by then have not made it up). Decided once per table when the program has
     * no arrears at all.
     */
    static final String OPEN_ARREAR = """
            (EXISTS (SELECT 1 FROM arrear_view x WHERE x.program_code = :program AND x.recorded_at <= :at)
             AND EXISTS (SELECT 1 FROM arrear_view a
                         WHERE a.program_code = l.program_code AND a.recipient_id = l.recipient_id
                           AND a.month = l.period AND a.recorded_at <= :at
                         GROUP BY a.month
                         HAVING sum(a.difference_fen) > coalesce((
                             SELECT sum(s.amount_fen) FROM batch_line_view s
                             WHERE s.program_code = l.program_code AND s.recipient_id = l.recipient_id
                               AND s.settles_month = l.period AND s.stopped_at IS NULL
                               AND (s.returned_at IS NULL OR s.returned_at > :at)
                               AND EXISTS (SELECT 1 FROM batch_step_view st WHERE st.batch_id = s.batch_id
                                           AND st.step = 'DISBURSED' AND st.recorded_at <= :at)), 0)))""";

    /**
     * A payment in full: of at least what was due at posting, and with no arrears of its month still owed as of the
     * moment — 足额发放率 judged against the due amount as known then (rule 9); a month whose arrears 补发 lines made up
     * counts as paid in full.
     */
    public static final Source PAYMENTS_PAID_FULL = new Source("paymentsPaidFull", Family.PAYMENTS,
            "足额发放人次（不低于应发，含补发）", PAID + " AND l.amount_fen >= l.standard_fen AND NOT " + OPEN_ARREAR, null,
            null, "paid_full_count", null, false);
    public static final Source PAYMENTS_PAID_LAST_MONTH = new Source("paymentsPaidLastMonth", Family.PAYMENTS,
            "年末（最后发放月）发放人数", PAID, null, null, "paid_count", "paid_fen", true);
    /** What was spent: every line paid and not returned — monthly, 补发 and one-off — for 预算执行率. */
    public static final Source SPENDING = new Source("spending", Family.PAYMENTS, "实际支出（含补发与一次性待遇，未退回）",
            NOT_RETURNED, null, null, "spent_count", "spent_fen", false);
    public static final Source RECIPIENTS_PAID = new Source("recipientsPaid", Family.PAYMENTS, "年度内获发放的人数",
            PAID, null, "l.recipient_id", """
            SELECT count(*) FROM paid_recipient_year_view
            WHERE program_code = :program AND year = :year AND paid_months <> 0""", null, false);

    public static final Source DUE_MONTHS = of("dueMonths", Family.DUE_MONTHS, "应发人月（及其标准金额）", "true");
    public static final Source DUE_MONTHS_PAID = of("dueMonthsPaid", Family.DUE_MONTHS, "应发且已发人月", "paid");
    public static final Source DUE_MONTHS_NOT_PAID = of("dueMonthsNotPaid", Family.DUE_MONTHS, "应发未发人月",
            "not paid");

    public static final Source ARREARS_OPEN = of("arrearsOpen", Family.ARREARS, "待补发人月（尚未补发）", "r.open_fen > 0");
    public static final Source WITHHELD_MONTHS = of("withheldMonths", Family.WITHHELD_MONTHS, "暂停发放且未发的应发人月",
            "true");

    public static final Source CASES = of("cases", Family.CASES, "年度多发案件（未撤销）", "true");
    public static final Source CASES_RECOVERED = new Source("casesRecovered", Family.CASES, "已追回金额", "true",
            "least(c.recovered_after, c.amount_after)", null, null, null, false);
    public static final Source CASE_RECIPIENTS = of("caseRecipients", Family.CASE_RECIPIENTS, "有多发案件的人数",
            "true");
    public static final Source CASE_RECIPIENTS_SETTLED = of("caseRecipientsSettled", Family.CASE_RECIPIENTS,
            "案件全部追回的人数", "r.settled");

    public static final Source CERTIFICATION_EXPECTED = of("certificationExpected", Family.CERTIFICATION,
            "应认证人数（在册、未死亡、未终止）", "true");
    public static final Source CERTIFICATION_CURRENT = of("certificationCurrent", Family.CERTIFICATION,
            "认证有效人数（N 个月内认证或登记）", "r.baseline >= :certified_since");

    /** The causes an overpayment case can have, each with a count and an amount figure. */
    public static final List<FactKind> CAUSES = List.of(FactKind.DEATH, FactKind.SUSPENSION, FactKind.DUPLICATE_CLAIM,
            FactKind.ENROLMENT_END, FactKind.DUPLICATE_ONE_OFF, FactKind.STANDARD_CHANGE);

    /** The cases of one cause (a constant filter: causes are an enum, never user input). */
    public static Source casesOf(FactKind cause) {
        return of("cases." + cause.name(), Family.CASES, "多发案件（" + cause.name() + "）",
                "o.cause = '" + cause.name() + "'");
    }

    private static Source of(String name, Family family, String description, String filter) {
        return new Source(name, family, description, filter, null, null, null, null, false);
    }

    /** The amount it sums. */
    String amountExpression() {
        return amount == null ? family.amount() : amount;
    }

    /** Whether its total is the sum of its months' totals (rows counted or summed, not distinct values). */
    boolean additive() {
        return distinct == null;
    }

    /** The drill-down's {@code kind}: the family's, or what a distinct source lists one row per. */
    public String kind() {
        if (distinct == null) {
            return family.kind();
        }
        return distinct.endsWith("recipient_id") ? "recipients" : "months";
    }

    /** The column a distinct source lists its values under. */
    String distinctLabel() {
        return distinct.substring(distinct.indexOf('.') + 1);
    }

    /** Whether the drill-down can list it (the plan is a declared figure, not rows). */
    boolean listable() {
        return family != Family.PLAN;
    }
}
