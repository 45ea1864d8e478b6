package org.subsidyledger.ledger.overpayment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.subsidyledger.contract.fact.FactKind;
import org.subsidyledger.contract.overpayment.OverpaidMonth;
import org.subsidyledger.ledger.batch.PayoutLines.OneOff;
import org.subsidyledger.ledger.fact.ActiveFacts.Death;
import org.subsidyledger.ledger.overpayment.OverpaymentPlan.OpenCase;
import org.subsidyledger.ledger.overpayment.OverpaymentPlan.Plan;

/** The one-off plan (rule 13) as a pure function: paid one-off lines, deaths and open cases in; cases out. */
class OneOffPlanTest {

    private static final String R = "650102194901010017";
    private static final LocalDate TODAY = LocalDate.of(2023, 6, 1);

    private static OneOff paid(String batch, String program, int month, String benefit, long fen) {
        return new OneOff(batch, program, YearMonth.of(2023, month), R, 1, fen, benefit, "event-" + batch);
    }

    private static Plan plan(List<OneOff> lines, Death death, List<OpenCase> cases, Set<String> settled) {
        AtomicInteger ids = new AtomicInteger();
        return OneOffPlan.plan(new String[] {R}, Map.of(R, lines), death == null ? Map.of() : Map.of(R, death),
                Map.of(R, cases), settled, TODAY, () -> "case-" + ids.incrementAndGet());
    }

    private static OpenCase openCase(String id, String cause, String program, OneOff... claimed) {
        Map<String, OverpaidMonth> months = new LinkedHashMap<>();
        for (OneOff line : claimed) {
            months.put(line.batchId(), new OverpaidMonth(line.period(), line.batchId(), line.line(), line.amountFen(),
                    line.paidEventId()));
        }
        return new OpenCase(id, R, program, cause, FactKind.DUPLICATE_ONE_OFF, months);
    }

    @Test
    void aFuneralGrantWithItsDeathActiveAndOneAccountBalanceAreDue() {
        Plan plan = plan(List.of(paid("b1", "P1", 3, "FUNERAL_GRANT", 200_000),
                paid("b2", "P2", 4, "ACCOUNT_BALANCE", 50_000)), new Death("d1", true), List.of(), Set.of());

        assertThat(plan.identifications()).isEmpty();
        assertThat(plan.cancellations()).isEmpty();
    }

    @Test
    void aFuneralGrantWhoseDeathWasRetractedIsOverpaidWithThatDeathAsCause() {
        OneOff grant = paid("b1", "P1", 3, "FUNERAL_GRANT", 200_000);
        Plan plan = plan(List.of(grant), new Death("d1", false), List.of(), Set.of());

        assertThat(plan.identifications()).singleElement().satisfies(case_ -> {
            assertThat(case_.factId()).isEqualTo("d1");
            assertThat(case_.cause()).isEqualTo(FactKind.DUPLICATE_ONE_OFF);
            assertThat(case_.rule()).isEqualTo(OneOffPlan.GRANT_WITHOUT_DEATH);
            assertThat(case_.months()).extracting(OverpaidMonth::amountFen).containsExactly(200_000L);
        });
    }

    @Test
    void everyPaymentOfAKindAfterTheFirstIsADuplicateOneCasePerProgram() {
        OneOff first = paid("b1", "P1", 1, "FUNERAL_GRANT", 200_000);
        OneOff second = paid("b2", "P2", 2, "FUNERAL_GRANT", 180_000);
        OneOff third = paid("b3", "P2", 5, "FUNERAL_GRANT", 180_000);
        Plan plan = plan(List.of(first, second, third), new Death("d1", true), List.of(), Set.of());

        assertThat(plan.identifications()).singleElement().satisfies(case_ -> {
            assertThat(case_.programCode()).isEqualTo("P2");
            assertThat(case_.factId()).isEqualTo(OneOffPlan.causeOf(first)).hasSize(36);
            assertThat(case_.rule()).isEqualTo("ONE_OFF_AT_MOST_ONCE");
            assertThat(case_.months()).extracting(OverpaidMonth::batchId).containsExactly("b2", "b3");
        });
    }

    @Test
    void theSameDuplicatesAgainChangeNothingAndAReturnedOneCancelsItsCase() {
        OneOff first = paid("b1", "P1", 1, "ACCOUNT_BALANCE", 50_000);
        OneOff second = paid("b2", "P2", 2, "ACCOUNT_BALANCE", 50_000);
        OpenCase open = openCase("c1", OneOffPlan.causeOf(first), "P2", second);

        Plan again = plan(List.of(first, second), null, List.of(open), Set.of());
        assertThat(again.identifications()).isEmpty();
        assertThat(again.adjustments()).isEmpty();
        assertThat(again.cancellations()).isEmpty();

        Plan returned = plan(List.of(first), null, List.of(open), Set.of());
        assertThat(returned.cancellations()).containsExactly(open);
    }

    @Test
    void aDuplicateWhoseCaseAnInspectorCancelledIsLeftAlone() {
        OneOff first = paid("b1", "P1", 1, "ACCOUNT_BALANCE", 50_000);
        OneOff second = paid("b2", "P2", 2, "ACCOUNT_BALANCE", 50_000);

        Plan plan = plan(List.of(first, second), null, List.of(), Set.of("b2/" + R));

        assertThat(plan.identifications()).isEmpty();
    }
}
