package org.subsidyledger.ledger.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.subsidyledger.contract.error.ErrorCode;
import org.subsidyledger.contract.error.LedgerException;
import org.subsidyledger.contract.fact.FactKind;
import org.subsidyledger.contract.verification.FactSuspected;
import org.subsidyledger.contract.verification.SuspectedFactConfirmed;
import org.subsidyledger.contract.verification.SuspectedFactDismissed;

class SuspectedFactTest {

    private static final String ID = "11010519491231002X";
    private static final FactSuspected DEATH = new FactSuspected("s-1", "cmp-1", 3, ID, "650102001",
            FactKind.DEATH, LocalDate.of(2023, 1, 10), null, null, null, "殡葬");

    private FixtureConfiguration<SuspectedFact> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(SuspectedFact.class);
    }

    @Test
    void givenASuspectedDeath_whenTheRegionConfirmsIt_thenConfirmedWithTheFactAndTheEvidence() {
        fixture.given(DEATH)
                .when(new VerificationCommands.ConfirmSuspectedFact("s-1", "fact-9", LocalDate.of(2023, 1, 9),
                        " 火化证明 2023-0117 "))
                .expectEvents(new SuspectedFactConfirmed("s-1", ID, "fact-9", LocalDate.of(2023, 1, 9),
                        "火化证明 2023-0117"));
    }

    @Test
    void givenASuspectedDeath_whenTheRegionDismissesIt_thenDismissedWithTheReason() {
        fixture.given(DEATH)
                .when(new VerificationCommands.DismissSuspectedFact("s-1", "入户核实本人健在"))
                .expectEvents(new SuspectedFactDismissed("s-1", ID, "入户核实本人健在"));
    }

    @Test
    void givenAConfirmedSuspicion_whenDismissedToo_thenRefusedAsSettled() {
        fixture.given(DEATH, new SuspectedFactConfirmed("s-1", ID, "fact-9", LocalDate.of(2023, 1, 10), "证明"))
                .when(new VerificationCommands.DismissSuspectedFact("s-1", "改判"))
                .expectNoEvents()
                .expectException(LedgerException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("already confirmed or dismissed"));
    }

    @Test
    void givenADismissedSuspicion_whenConfirmed_thenRefusedAsSettled() {
        fixture.given(DEATH, new SuspectedFactDismissed("s-1", ID, "健在"))
                .when(new VerificationCommands.ConfirmSuspectedFact("s-1", "fact-9", null, "证明"))
                .expectNoEvents()
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("already confirmed or dismissed"));
    }

    @Test
    void givenASuspectedDeath_whenDismissedWithoutAReason_thenRefusedAsMissing() {
        fixture.given(DEATH)
                .when(new VerificationCommands.DismissSuspectedFact("s-1", "  "))
                .expectNoEvents()
                .expectException(LedgerException.class);
        assertThatThrownBy(() -> SuspectedFact.text(" ", "reason")).isInstanceOfSatisfying(LedgerException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.MISSING_VALUE));
    }

    @Test
    void aSuspectedDeathHoldsTheMonthsAfterItsMonth_anImprisonmentThoseItWouldMakeNotDue() {
        assertThat(DEATH.held()).hasValueSatisfying(months -> {
            assertThat(months.first()).hasToString("2023-02");
            assertThat(months.last()).isNull();
        });
        FactSuspected imprisonment = new FactSuspected("s-2", "cmp-2", 1, ID, "650102001", FactKind.SUSPENSION,
                LocalDate.of(2023, 2, 15), LocalDate.of(2023, 2, 20), null, null, "司法");
        assertThat(imprisonment.held()).as("in and out within February: no month held").isEmpty();
    }
}
