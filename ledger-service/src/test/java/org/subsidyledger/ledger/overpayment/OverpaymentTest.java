package org.subsidyledger.ledger.overpayment;

import static org.subsidyledger.ledger.LedgerExceptionMatchers.codeIs;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.subsidyledger.contract.fact.FactKind;
import org.subsidyledger.contract.overpayment.OverpaidMonth;
import org.subsidyledger.contract.overpayment.OverpaymentAdjusted;
import org.subsidyledger.contract.overpayment.OverpaymentCancelled;
import org.subsidyledger.contract.overpayment.OverpaymentIdentified;
import org.subsidyledger.ledger.overpayment.OverpaymentCommands.AdjustOverpayment;
import org.subsidyledger.ledger.overpayment.OverpaymentCommands.CancelOverpayment;
import org.subsidyledger.ledger.overpayment.OverpaymentCommands.IdentifyOverpayment;
import org.subsidyledger.ledger.web.ErrorCode;

class OverpaymentTest {

    private static final String CASE = "c-1";
    private static final String ID = "11010519491231002X";
    private static final LocalDate TODAY = LocalDate.of(2023, 5, 3);
    private static final OverpaidMonth APRIL = new OverpaidMonth(YearMonth.of(2023, 4), "b-4", 7, 12_000, "e-4");
    private static final OverpaidMonth MAY = new OverpaidMonth(YearMonth.of(2023, 5), "b-5", 7, 12_000, "e-5");
    private static final OverpaidMonth MARCH = new OverpaidMonth(YearMonth.of(2023, 3), "b-3", 7, 10_000, "e-3");
    private static final OverpaymentIdentified IDENTIFIED = new OverpaymentIdentified(CASE, ID, "P1", "f-1",
            FactKind.DEATH, "DEATH_NEXT_MONTH", "死亡次月停发", List.of(APRIL, MAY), 24_000, TODAY);

    private FixtureConfiguration<Overpayment> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Overpayment.class);
    }

    @Test
    void whenIdentified_thenTheAmountIsTheSumOfTheMonths() {
        fixture.givenNoPriorActivity()
                .when(new IdentifyOverpayment(CASE, ID, "P1", "f-1", FactKind.DEATH, "DEATH_NEXT_MONTH",
                        "死亡次月停发", List.of(APRIL, MAY), TODAY))
                .expectEvents(IDENTIFIED);
    }

    @Test
    void whenIdentifiedWithoutMonthsOrWithOnePaymentTwice_thenRefused() {
        fixture.givenNoPriorActivity()
                .when(new IdentifyOverpayment(CASE, ID, "P1", "f-1", FactKind.DEATH, "R", "r", List.of(), TODAY))
                .expectException(codeIs(ErrorCode.INVALID_ROWS));
        fixture.givenNoPriorActivity()
                .when(new IdentifyOverpayment(CASE, ID, "P1", "f-1", FactKind.DEATH, "R", "r", List.of(APRIL, APRIL),
                        TODAY))
                .expectException(codeIs(ErrorCode.INVALID_ROWS));
    }

    @Test
    void givenACase_whenAdjusted_thenAddedAndRemovedMonthsAndTheNewAmount() {
        fixture.given(IDENTIFIED)
                .when(new AdjustOverpayment(CASE, List.of(MARCH), List.of(MAY), "死亡日期更正"))
                .expectEvents(new OverpaymentAdjusted(CASE, List.of(MARCH), List.of(MAY), 22_000, 24_000,
                        "死亡日期更正"));
    }

    @Test
    void givenACase_whenAnAdjustmentRemovesAMonthItDoesNotHave_thenRefused() {
        fixture.given(IDENTIFIED)
                .when(new AdjustOverpayment(CASE, List.of(), List.of(MARCH), "x"))
                .expectException(codeIs(ErrorCode.INVALID_ROWS));
    }

    @Test
    void givenACase_whenAnAdjustmentWouldLeaveNoMonth_thenRefusedInFavourOfCancellation() {
        fixture.given(IDENTIFIED)
                .when(new AdjustOverpayment(CASE, List.of(), List.of(APRIL, MAY), "x"))
                .expectException(codeIs(ErrorCode.INVALID_CASE_STATE));
    }

    @Test
    void givenACase_whenCancelled_thenCancelledWithTheReason() {
        fixture.given(IDENTIFIED)
                .when(new CancelOverpayment(CASE, "事实撤回"))
                .expectEvents(new OverpaymentCancelled(CASE, "事实撤回"));
    }

    @Test
    void givenACancelledCase_whenAdjustedOrCancelledAgain_thenRefused() {
        fixture.given(IDENTIFIED, new OverpaymentCancelled(CASE, "事实撤回"))
                .when(new AdjustOverpayment(CASE, List.of(MARCH), List.of(), "x"))
                .expectException(codeIs(ErrorCode.INVALID_CASE_STATE));
        fixture.given(IDENTIFIED, new OverpaymentCancelled(CASE, "事实撤回"))
                .when(new CancelOverpayment(CASE, "again"))
                .expectException(codeIs(ErrorCode.INVALID_CASE_STATE));
    }
}
