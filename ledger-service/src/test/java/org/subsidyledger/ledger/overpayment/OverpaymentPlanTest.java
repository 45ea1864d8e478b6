package org.subsidyledger.ledger.overpayment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.subsidyledger.contract.fact.FactKind;
import org.subsidyledger.contract.fact.NotDueMonths;
import org.subsidyledger.contract.overpayment.OverpaidMonth;
import org.subsidyledger.ledger.overpayment.OverpaymentPlan.Fact;
import org.subsidyledger.ledger.overpayment.OverpaymentPlan.Line;
import org.subsidyledger.ledger.overpayment.OverpaymentPlan.OpenCase;
import org.subsidyledger.ledger.overpayment.OverpaymentPlan.Plan;

/** The overpayment plan as a pure function: what is loaded in, what to stop, open, adjust and cancel out. */
class OverpaymentPlanTest {

    private static final String R = "650102194901010017";
    private static final LocalDate TODAY = LocalDate.of(2023, 6, 1);

    private static Fact death(String id, LocalDate on, long order) {
        return new Fact(id, R, null, NotDueMonths.of(FactKind.DEATH, on, null).orElseThrow(), FactKind.DEATH, on,
                null, order);
    }

    private static Line paid(String batch, int month) {
        return new Line(batch, "P1", YearMonth.of(2023, month), R, 1, 12_000, true, "event-" + batch);
    }

    private static Line pending(String batch, int month) {
        return new Line(batch, "P1", YearMonth.of(2023, month), R, 1, 12_000, false, null);
    }

    private static OpenCase openCase(String id, String fact, Line... claimed) {
        Map<String, OverpaidMonth> months = new LinkedHashMap<>();
        for (Line line : claimed) {
            months.put(line.batchId(), line.overpaid());
        }
        return new OpenCase(id, R, "P1", fact, null, months);
    }

    private static Plan plan(List<Fact> facts, List<Line> lines, List<OpenCase> cases, Set<String> settled) {
        AtomicInteger ids = new AtomicInteger();
        return OverpaymentPlan.plan(new String[] {R}, Map.of(R, facts), Map.of(R, lines), Map.of(R, cases), settled,
                TODAY, () -> "case-" + ids.incrementAndGet());
    }

    @Test
    void aDeathMakesThePaidLaterMonthsOneNewCaseAndStopsThePendingOne() {
        Plan plan = plan(List.of(death("d1", LocalDate.of(2023, 1, 20), 1)),
                List.of(paid("b1", 1), paid("b2", 2), paid("b3", 3), pending("b4", 4)), List.of(), Set.of());

        assertThat(plan.identifications()).hasSize(1);
        var identified = plan.identifications().get(0);
        assertThat(identified.caseId()).isEqualTo("case-1");
        assertThat(identified.factId()).isEqualTo("d1");
        assertThat(identified.identifiedOn()).isEqualTo(TODAY);
        assertThat(identified.months()).extracting(OverpaidMonth::period)
                .containsExactly(YearMonth.of(2023, 2), YearMonth.of(2023, 3));
        assertThat(plan.stops()).singleElement().satisfies(stop -> {
            assertThat(stop.batchId()).isEqualTo("b4");
            assertThat(stop.factId()).isEqualTo("d1");
        });
        assertThat(plan.adjustments()).isEmpty();
        assertThat(plan.cancellations()).isEmpty();
    }

    @Test
    void aPaymentCoveredByTwoFactsStaysWithTheCaseThatClaimsItAndIsNotOverpaidTwice() {
        Line february = paid("b2", 2);
        Fact earlier = death("d-earlier", LocalDate.of(2023, 1, 5), 1);
        Fact claimant = death("d-claimant", LocalDate.of(2023, 1, 25), 2);
        Plan plan = plan(List.of(earlier, claimant), List.of(february), List.of(openCase("c1", "d-claimant", february)),
                Set.of());

        assertThat(plan.identifications()).as("no second case for the same payment").isEmpty();
        assertThat(plan.adjustments()).isEmpty();
        assertThat(plan.cancellations()).isEmpty();
    }

    @Test
    void aCaseWhoseFactNoLongerCoversItsPaymentsIsCancelledAndTheEarliestCoveringFactTakesThem() {
        Line february = paid("b2", 2);
        Plan plan = plan(List.of(death("d-other", LocalDate.of(2023, 1, 10), 3)), List.of(february),
                List.of(openCase("c-retracted", "d-retracted", february)), Set.of());

        assertThat(plan.cancellations()).extracting(OpenCase::caseId).containsExactly("c-retracted");
        assertThat(plan.identifications()).singleElement()
                .satisfies(identified -> assertThat(identified.factId()).isEqualTo("d-other"));
    }

    @Test
    void aCaseGainsTheMonthsAnEarlierDateOfDeathAddsAndLosesAReturnedPayment() {
        Line february = paid("b2", 2);
        Line march = paid("b3", 3);
        // The death moved from 2023-02-20 to 2023-01-20: February becomes overpaid; March's payment was returned.
        Plan plan = plan(List.of(death("d1", LocalDate.of(2023, 1, 20), 1)), List.of(february),
                List.of(openCase("c1", "d1", march)), Set.of());

        assertThat(plan.adjustments()).singleElement().satisfies(adjustment -> {
            assertThat(adjustment.added()).extracting(OverpaidMonth::batchId).containsExactly("b2");
            assertThat(adjustment.removed()).extracting(OverpaidMonth::batchId).containsExactly("b3");
        });
        assertThat(plan.identifications()).isEmpty();
    }

    @Test
    void settledPaymentsAndMonthsStillDueChangeNothingAndPlanningTwiceGivesTheSamePlan() {
        List<Fact> facts = List.of(death("d1", LocalDate.of(2023, 3, 2), 1));
        List<Line> lines = new ArrayList<>(List.of(paid("b1", 1), paid("b3", 3), paid("b4", 4)));
        Plan plan = plan(facts, lines, List.of(), Set.of("b4/" + R));

        assertThat(plan.identifications()).as("March is due (the month of death), April is settled").isEmpty();
        assertThat(plan.stops()).isEmpty();
        assertThat(plan(facts, lines, List.of(), Set.of("b4/" + R))).isEqualTo(plan);
    }
}
