package org.subsidyledger.projections.indicator;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.subsidyledger.contract.fact.FactKind;
import org.subsidyledger.projections.indicator.IndicatorSources.Total;
import org.subsidyledger.projections.indicator.IndicatorSources.Totals;
import org.subsidyledger.projections.support.ProjectionDatabase;

/**
 * Each indicator source against real PostgreSQL, as of two moments: a program-year written straight into the read
 * models — three recipients, a January batch on time and a late February one, a bank return, a stopped line, a death,
 * a case repaid and a case cancelled, a plan revised and a second funds tranche, all recorded after {@link #BETWEEN}
 * where they change a figure. Every listable source's total equals what its listing adds up to.
 */
class IndicatorSourcesTest {

    private static final String PROGRAM = "SOURCES-TEST";
    private static final String A = "650102193001011111";
    private static final String B = "650102193001012222";
    private static final String C = "650102193001013333";
    private static final Instant START = Instant.parse("2023-01-01T00:00:00Z");
    private static final Instant DISBURSED = Instant.parse("2023-02-28T00:00:00Z");
    private static final Instant BETWEEN = Instant.parse("2023-03-15T00:00:00Z");
    private static final Instant LATER = Instant.parse("2023-04-01T00:00:00Z");
    private static final Instant NOW = Instant.parse("2023-06-01T00:00:00Z");

    private static final JdbcTemplate JDBC = ProjectionDatabase.jdbc();
    private final IndicatorSources sources = new IndicatorSources(JDBC, new DueMonths(JDBC,
            new org.subsidyledger.projections.standard.StandardTerms(JDBC)));

    @BeforeAll
    static void programYear() {
        for (String table : List.of("program_view", "program_plan_history_view", "program_funds_view",
                "enrolment_view", "batch_view", "overpayment_view")) {
            JDBC.update("DELETE FROM " + table + " WHERE " + (table.equals("program_view") ? "code" : "program_code")
                    + " = ?", PROGRAM);
        }
        JDBC.update("DELETE FROM batch_step_view WHERE batch_id LIKE 'src-%'");
        JDBC.update("DELETE FROM batch_line_view WHERE program_code = ?", PROGRAM);
        JDBC.update("DELETE FROM overpayment_change_view WHERE case_id LIKE 'src-%'");
        JDBC.update("DELETE FROM life_fact_view WHERE fact_id LIKE 'src-%'");
        JDBC.update("""
                INSERT INTO program_view (code, name, region, monthly_standard_fen, deadline_day, review_levels,
                                          created_at) VALUES (?, '测试项目', '650102', 10000, 25, 1, ?)""", PROGRAM,
                at(START));
        plan(1, 3, 100_000, START);
        plan(2, 4, 100_000, LATER);
        funds("t1", 50_000, START);
        funds("t2", 30_000, LATER);
        for (String id : List.of(A, B, C)) {
            JDBC.update("""
                    INSERT INTO enrolment_view (program_code, recipient_id, name, region, monthly_standard_fen,
                                                effective_from, enrolled_at, event_id, source_position)
                    VALUES (?, ?, '某某', '650102', 10000, DATE '2023-01-01', ?, ?, 1)""", PROGRAM, id, at(START),
                    "enrol-" + id);
        }
        batch("src-jan", "2023-01-01", "2023-01-20", true);
        batch("src-feb", "2023-02-01", "2023-02-27", true);
        batch("src-mar", "2023-03-01", null, false);
        line("src-jan", 1, A, "2023-01-01", 10_000, null, null);
        line("src-jan", 2, B, "2023-01-01", 10_000, null, null);
        line("src-jan", 3, C, "2023-01-01", 8_000, null, null);
        line("src-feb", 1, A, "2023-02-01", 10_000, null, null);
        line("src-feb", 2, B, "2023-02-01", 10_000, LATER, null);
        line("src-feb", 3, C, "2023-02-01", 10_000, null, DISBURSED);
        line("src-mar", 1, A, "2023-03-01", 10_000, null, null);
        JDBC.update("""
                INSERT INTO life_fact_view (fact_id, recipient_id, kind, from_date, state, recorded_at, event_id,
                                            last_sequence)
                VALUES ('src-death', ?, 'DEATH', DATE '2023-01-15', 'ACTIVE', ?, 'fact-event', 0)""", C,
                at(DISBURSED));
        overpaymentCase("src-case-1", C, "DEATH", 10_000);
        change("src-case-1", 0, 10_000, 0, "OPEN", DISBURSED);
        change("src-case-1", 1, 10_000, 10_000, "RECOVERED", LATER);
        overpaymentCase("src-case-2", B, "DUPLICATE_CLAIM", 5_000);
        change("src-case-2", 0, 5_000, 0, "OPEN", DISBURSED);
        change("src-case-2", 1, 5_000, 0, "CANCELLED", LATER);
    }

    @Test
    void theScopeHoldsTheBatchesDisbursedByTheMomentAndTheirLastMonth() {
        Scope scope = sources.scope(PROGRAM, 2023, NOW);
        assertThat(scope.disbursed()).containsExactly("src-jan", "src-feb");
        assertThat(scope.through()).isEqualTo(YearMonth.of(2023, 2));
        assertThat(sources.scope(PROGRAM, 2023, Instant.parse("2023-02-01T00:00:00Z")).through()).isNull();
    }

    @Test
    void paymentsCountTheLinesOfDisbursedBatchesNotStoppedAndReturnedOnlyOnceRecorded() {
        Totals between = totals(BETWEEN);
        Totals now = totals(NOW);
        assertThat(between.of(Source.PAYMENTS_SENT)).isEqualTo(new Total(5, 48_000));
        assertThat(between.of(Source.PAYMENTS_RETURNED).count()).isZero();
        assertThat(now.of(Source.PAYMENTS_RETURNED).count()).isEqualTo(1);
        assertThat(between.of(Source.PAYMENTS_PAID)).isEqualTo(new Total(5, 48_000));
        assertThat(now.of(Source.PAYMENTS_PAID)).isEqualTo(new Total(4, 38_000));
        assertThat(now.of(Source.PAYMENTS_PAID_FULL).count()).as("C's January line is short").isEqualTo(3);
        assertThat(now.of(Source.PAYMENTS_PAID, YearMonth.of(2023, 1))).isEqualTo(new Total(3, 28_000));
        assertThat(between.of(Source.PAYMENTS_PAID_LAST_MONTH).count()).isEqualTo(2);
        assertThat(now.of(Source.PAYMENTS_PAID_LAST_MONTH).count()).as("B's February line returned").isEqualTo(1);
        assertThat(now.of(Source.RECIPIENTS_PAID).count()).isEqualTo(3);
    }

    @Test
    void batchesAreOnTimeByTheProgramsDeadlineDayAndMonthsCountOnce() {
        Totals now = totals(NOW);
        assertThat(now.of(Source.BATCHES_DISBURSED).count()).isEqualTo(2);
        assertThat(now.of(Source.BATCHES_ON_TIME).count()).isEqualTo(1);
        assertThat(now.of(Source.BATCHES_LATE).count()).isEqualTo(1);
        assertThat(now.of(Source.MONTHS_PAID).count()).isEqualTo(2);
        assertThat(totals(Instant.parse("2023-02-01T00:00:00Z")).of(Source.BATCHES_DISBURSED).count()).isZero();
    }

    @Test
    void thePlanAndFundsAreThoseRecordedByTheMoment() {
        assertThat(totals(BETWEEN).of(Source.PLAN_RECIPIENTS).count()).isEqualTo(3);
        assertThat(totals(NOW).of(Source.PLAN_RECIPIENTS).count()).isEqualTo(4);
        assertThat(totals(NOW).of(Source.PLAN_BUDGET).fen()).isEqualTo(100_000);
        assertThat(totals(BETWEEN).of(Source.FUNDS)).isEqualTo(new Total(1, 50_000));
        assertThat(totals(NOW).of(Source.FUNDS)).isEqualTo(new Total(2, 80_000));
        Scope before = sources.scope(PROGRAM, 2022, NOW);
        assertThat(sources.totals(before, List.of(Source.PLAN_BUDGET), false).of(Source.PLAN_BUDGET))
                .as("no plan for 2022").isNull();
    }

    @Test
    void dueMonthsLeaveOutTheMonthsAFactMakesNotDue() {
        Totals now = totals(NOW);
        assertThat(now.of(Source.DUE_MONTHS)).as("A and B Jan–Feb, C January (died in January)")
                .isEqualTo(new Total(5, 50_000));
        assertThat(now.of(Source.DUE_MONTHS_PAID).count()).isEqualTo(4);
        assertThat(now.of(Source.DUE_MONTHS_NOT_PAID).count()).as("B's returned February").isEqualTo(1);
        assertThat(totals(BETWEEN).of(Source.DUE_MONTHS_NOT_PAID).count()).isZero();
    }

    @Test
    void casesAreThoseAboutTheYearAsTheyStoodAtTheMomentNotCancelled() {
        Totals between = totals(BETWEEN);
        Totals now = totals(NOW);
        assertThat(between.of(Source.CASES)).isEqualTo(new Total(2, 15_000));
        assertThat(between.of(Source.CASES_RECOVERED).fen()).isZero();
        assertThat(now.of(Source.CASES)).isEqualTo(new Total(1, 10_000));
        assertThat(now.of(Source.CASES_RECOVERED).fen()).isEqualTo(10_000);
        assertThat(between.of(Source.casesOf(FactKind.DUPLICATE_CLAIM))).isEqualTo(new Total(1, 5_000));
        assertThat(now.of(Source.casesOf(FactKind.DUPLICATE_CLAIM))).isEqualTo(new Total(0, 0));
        assertThat(between.of(Source.CASE_RECIPIENTS).count()).isEqualTo(2);
        assertThat(between.of(Source.CASE_RECIPIENTS_SETTLED).count()).isZero();
        assertThat(now.of(Source.CASE_RECIPIENTS_SETTLED).count()).isEqualTo(1);
    }

    @Test
    void everyListableSourcesTotalIsWhatItsRowsAddUpTo() {
        for (Instant moment : List.of(BETWEEN, NOW)) {
            Scope scope = sources.scope(PROGRAM, 2023, moment);
            Totals totals = sources.totals(scope, IndicatorRegistry.sources(), false);
            for (Source source : IndicatorRegistry.sources()) {
                if (!source.listable()) {
                    continue;
                }
                Total total = totals.of(source);
                if (total == null) { // no basis in this program: certification, which it does not require (rule 11)
                    assertThat(source.family()).as(source.name()).isEqualTo(Family.CERTIFICATION);
                    continue;
                }
                IndicatorSources.Listing listing = sources.list(scope, source, 0, 1000);
                if (source.family() == Family.DUE_MONTHS) {
                    List<BasisRow.DueMonthsRow> rows = listing.rows().stream().map(BasisRow.DueMonthsRow.class::cast)
                            .toList();
                    long due = rows.stream().mapToLong(BasisRow.DueMonthsRow::dueMonths).sum();
                    long paid = rows.stream().mapToLong(BasisRow.DueMonthsRow::paidDueMonths).sum();
                    assertThat(due).as("due months as of %s", moment).isEqualTo(totals.of(Source.DUE_MONTHS).count());
                    assertThat(fen(rows.stream().map(BasisRow.DueMonthsRow::due))).isEqualTo(
                            totals.of(Source.DUE_MONTHS).fen());
                    assertThat(paid).isEqualTo(totals.of(Source.DUE_MONTHS_PAID).count());
                    assertThat(due - paid).isEqualTo(totals.of(Source.DUE_MONTHS_NOT_PAID).count());
                    continue;
                }
                assertThat(listing.total()).as("%s rows as of %s", source.name(), moment).isEqualTo(total.count());
                assertThat(listing.rows()).hasSize((int) total.count());
                Long listed = switch (source.kind()) {
                    case "funds" -> fen(listing.rows().stream().map(r -> ((BasisRow.FundsRow) r).amount()));
                    case "payments" -> fen(listing.rows().stream().map(r -> ((BasisRow.PaymentRow) r).amount()));
                    case "recipients" -> fen(listing.rows().stream().map(r -> ((BasisRow.RecipientRow) r).amount()));
                    case "cases" -> fen(listing.rows().stream().map(BasisRow.OverpaymentCaseRow.class::cast)
                            .map(c -> source == Source.CASES_RECOVERED ? c.recovered() : c.amount()));
                    case "caseRecipients" -> fen(listing.rows().stream()
                            .map(r -> ((BasisRow.CaseRecipientRow) r).overpaid()));
                    default -> null; // batches and months have no amount
                };
                if (listed != null && source.additive()) {
                    assertThat(listed).as("%s sum as of %s", source.name(), moment).isEqualTo(total.fen());
                }
            }
        }
    }

    private static long fen(java.util.stream.Stream<String> yuan) {
        return yuan.map(BigDecimal::new).reduce(BigDecimal.ZERO, BigDecimal::add).movePointRight(2).longValueExact();
    }

    @Test
    void theRunningPathReadsTheSameRecipientsAsTheLinesWhenTheRunningTotalsAgree() {
        // the running totals as the batch projection keeps them for the lines above, now
        JDBC.update("""
                UPDATE batch_view SET paid_count = CASE batch_id WHEN 'src-jan' THEN 3 ELSE 1 END,
                    paid_full_count = CASE batch_id WHEN 'src-jan' THEN 2 ELSE 1 END,
                    paid_fen = CASE batch_id WHEN 'src-jan' THEN 28000 ELSE 10000 END,
                    spent_count = CASE batch_id WHEN 'src-jan' THEN 3 ELSE 1 END,
                    spent_fen = CASE batch_id WHEN 'src-jan' THEN 28000 ELSE 10000 END,
                    returned_count = CASE batch_id WHEN 'src-feb' THEN 1 ELSE 0 END,
                    stopped_count = CASE batch_id WHEN 'src-feb' THEN 1 ELSE 0 END
                WHERE program_code = ?""", PROGRAM);
        JDBC.update("DELETE FROM paid_recipient_year_view WHERE program_code = ?", PROGRAM);
        JDBC.update("""
                INSERT INTO paid_recipient_year_view (program_code, year, recipient_id, paid_months)
                VALUES (?, 2023, ?, 3), (?, 2023, ?, 1), (?, 2023, ?, 1)""", PROGRAM, A, PROGRAM, B, PROGRAM, C);
        Scope scope = sources.scope(PROGRAM, 2023, NOW);
        Totals lines = sources.totals(scope, IndicatorRegistry.sources(), false);
        Totals running = sources.totals(scope, IndicatorRegistry.sources(), true);
        for (Source source : IndicatorRegistry.sources()) {
            if (source.family() == Family.PAYMENTS || source.family() == Family.DUE_MONTHS) {
                assertThat(running.of(source).count()).as(source.name()).isEqualTo(lines.of(source).count());
            }
        }
        assertThat(running.of(Source.PAYMENTS_PAID).fen()).isEqualTo(lines.of(Source.PAYMENTS_PAID).fen());
        assertThat(running.of(Source.SPENDING).fen()).isEqualTo(lines.of(Source.SPENDING).fen());
    }

    private Totals totals(Instant moment) {
        return sources.totals(sources.scope(PROGRAM, 2023, moment), IndicatorRegistry.sources(), false);
    }

    private static void plan(int version, long recipients, long budgetFen, Instant at) {
        JDBC.update("""
                INSERT INTO program_plan_history_view (program_code, year, plan_version, planned_recipients,
                                                       planned_payouts, budget_fen, set_at)
                VALUES (?, 2023, ?, ?, 12, ?, ?)""", PROGRAM, version, recipients, budgetFen, at(at));
    }

    private static void funds(String tranche, long fen, Instant at) {
        JDBC.update("""
                INSERT INTO program_funds_view (tranche_id, program_code, year, amount_fen, received_on, reference,
                                                recorded_at, event_id)
                VALUES (?, ?, 2023, ?, DATE '2023-01-05', '拨款', ?, ?)""", "src-" + tranche, PROGRAM, fen, at(at),
                "funds-" + tranche);
    }

    private static void batch(String id, String period, String disbursedOn, boolean disbursed) {
        JDBC.update("""
                INSERT INTO batch_view (batch_id, program_code, period, status, review_levels, line_count, total_fen,
                                        short_count, over_count, source, posted_at, disbursed_on, last_sequence)
                VALUES (?, ?, CAST(? AS date), ?, 1, 3, 30000, 0, 0, 'test', ?, CAST(? AS date), 0)""", id, PROGRAM,
                period, disbursed ? "DISBURSED" : "SUBMITTED", at(START), disbursedOn);
        if (disbursed) {
            JDBC.update("""
                    INSERT INTO batch_step_view (batch_id, sequence, step, recorded_at, event_id)
                    VALUES (?, 5, 'DISBURSED', ?, ?)""", id, at(DISBURSED), "disbursed-" + id);
        }
    }

    private static void line(String batch, int line, String recipient, String period, long fen, Instant returnedAt,
                             Instant stoppedAt) {
        JDBC.update("""
                INSERT INTO batch_line_view (batch_id, recipient_id, program_code, period, line, name, amount_fen,
                                             standard_fen, mark, event_id, returned_at, stopped_at)
                VALUES (?, ?, ?, CAST(? AS date), ?, '某某', ?, 10000, 'FULL', ?, ?, ?)""", batch, recipient, PROGRAM,
                period, line, fen, "line-" + batch, at(returnedAt), at(stoppedAt));
    }

    private static void overpaymentCase(String id, String recipient, String cause, long fen) {
        JDBC.update("""
                INSERT INTO overpayment_view (case_id, recipient_id, program_code, fact_id, cause, rule,
                                              rule_description, amount_fen, status, month_count, first_month,
                                              last_month, identified_on, identified_at, event_id, updated_at,
                                              last_sequence)
                VALUES (?, ?, ?, 'src-death', ?, 'R', 'rule', ?, 'OPEN', 1, DATE '2023-02-01', DATE '2023-02-01',
                        DATE '2023-02-28', ?, ?, ?, 0)""", id, recipient, PROGRAM, cause, fen, at(DISBURSED),
                "identified-" + id, at(DISBURSED));
    }

    private static void change(String id, int sequence, long amountFen, long recoveredFen, String status, Instant at) {
        JDBC.update("""
                INSERT INTO overpayment_change_view (case_id, sequence, change, amount_fen, recorded_at, event_id,
                                                     amount_after, recovered_after, written_off_after, status_after)
                VALUES (?, ?, 'CHANGE', ?, ?, ?, ?, ?, 0, ?)""", id, sequence, amountFen, at(at),
                "change-" + id + "-" + sequence, amountFen, recoveredFen, status);
    }

    private static Timestamp at(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

}
