package org.subsidyledger.ledger.fact;

import static org.subsidyledger.ledger.LedgerExceptionMatchers.codeIs;

import java.time.LocalDate;
import java.time.YearMonth;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.subsidyledger.contract.fact.DeathRecorded;
import org.subsidyledger.contract.fact.DuplicateClaimRecorded;
import org.subsidyledger.contract.fact.EnrolmentEndRecorded;
import org.subsidyledger.contract.fact.FactCorrected;
import org.subsidyledger.contract.fact.FactKind;
import org.subsidyledger.contract.fact.FactRetracted;
import org.subsidyledger.contract.fact.SuspensionEnded;
import org.subsidyledger.contract.fact.SuspensionKind;
import org.subsidyledger.contract.fact.SuspensionRecorded;
import org.subsidyledger.ledger.fact.FactCommands.CorrectFact;
import org.subsidyledger.ledger.fact.FactCommands.EndSuspension;
import org.subsidyledger.ledger.fact.FactCommands.RecordDeath;
import org.subsidyledger.ledger.fact.FactCommands.RecordDuplicateClaim;
import org.subsidyledger.ledger.fact.FactCommands.RecordEnrolmentEnd;
import org.subsidyledger.ledger.fact.FactCommands.RecordSuspension;
import org.subsidyledger.ledger.fact.FactCommands.RetractFact;
import org.subsidyledger.contract.value.BusinessDates;
import org.subsidyledger.contract.error.ErrorCode;

class LifeFactTest {

    private static final String FACT = "f-1";
    private static final String ID = "11010519491231002X";
    private static final LocalDate DIED = LocalDate.of(2023, 3, 10);
    private static final DeathRecorded DEATH = new DeathRecorded(FACT, ID, DIED, "殡葬", null, null);
    private static final SuspensionRecorded OPEN_SUSPENSION = new SuspensionRecorded(FACT, ID,
            SuspensionKind.IMPRISONMENT, LocalDate.of(2023, 2, 10), null, "判决");

    private FixtureConfiguration<LifeFact> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(LifeFact.class);
    }

    @Test
    void whenADeathIsRecordedThenDeathRecorded() {
        fixture.givenNoPriorActivity()
                .when(new RecordDeath(FACT, ID, DIED, " 殡葬 ", null, null))
                .expectEvents(DEATH);
    }

    @Test
    void whenADeathInTheFutureIsRecordedThenRefused() {
        fixture.givenNoPriorActivity()
                .when(new RecordDeath(FACT, ID, BusinessDates.today().plusDays(1), "殡葬", null, null))
                .expectException(codeIs(ErrorCode.INVALID_DATE));
    }

    @Test
    void whenADeathHasNoSourceThenRefused() {
        fixture.givenNoPriorActivity()
                .when(new RecordDeath(FACT, ID, DIED, " ", null, null))
                .expectException(codeIs(ErrorCode.MISSING_VALUE));
    }

    @Test
    void whenASuspensionEndsBeforeItBeginsThenRefused() {
        fixture.givenNoPriorActivity()
                .when(new RecordSuspension(FACT, ID, SuspensionKind.OTHER, LocalDate.of(2023, 5, 1),
                        LocalDate.of(2023, 4, 1), "x"))
                .expectException(codeIs(ErrorCode.INVALID_PERIOD));
    }

    @Test
    void whenASuspensionHasNoKindThenRefused() {
        fixture.givenNoPriorActivity()
                .when(new RecordSuspension(FACT, ID, null, LocalDate.of(2023, 5, 1), null, "x"))
                .expectException(codeIs(ErrorCode.INVALID_SUSPENSION_KIND));
    }

    @Test
    void givenAnOpenSuspensionWhenReleasedThenSuspensionEnded() {
        fixture.given(OPEN_SUSPENSION)
                .when(new EndSuspension(FACT, LocalDate.of(2023, 6, 5), "释放证明"))
                .expectEvents(new SuspensionEnded(FACT, ID, LocalDate.of(2023, 6, 5), "释放证明"));
    }

    @Test
    void givenAnEndedSuspensionWhenReleasedAgainThenRefused() {
        fixture.given(OPEN_SUSPENSION, new SuspensionEnded(FACT, ID, LocalDate.of(2023, 6, 5), "释放证明"))
                .when(new EndSuspension(FACT, LocalDate.of(2023, 7, 5), "x"))
                .expectException(codeIs(ErrorCode.SUSPENSION_ALREADY_ENDED));
    }

    @Test
    void givenAnOpenSuspensionWhenReleasedBeforeItBeganThenRefused() {
        fixture.given(OPEN_SUSPENSION)
                .when(new EndSuspension(FACT, LocalDate.of(2023, 1, 5), "x"))
                .expectException(codeIs(ErrorCode.INVALID_PERIOD));
    }

    @Test
    void givenADeathWhenReleasedThenRefusedBecauseOnlySuspensionsEnd() {
        fixture.given(DEATH)
                .when(new EndSuspension(FACT, LocalDate.of(2023, 6, 5), "x"))
                .expectException(codeIs(ErrorCode.INVALID_CORRECTION));
    }

    @Test
    void whenADuplicateClaimIsRecordedThenItsMonthsAreKept() {
        fixture.givenNoPriorActivity()
                .when(new RecordDuplicateClaim(FACT, ID, "P1", "职工养老", YearMonth.of(2023, 2),
                        YearMonth.of(2023, 5)))
                .expectEvents(new DuplicateClaimRecorded(FACT, ID, "P1", "职工养老", YearMonth.of(2023, 2),
                        YearMonth.of(2023, 5)));
    }

    @Test
    void whenADuplicateClaimEndsBeforeItBeginsThenRefused() {
        fixture.givenNoPriorActivity()
                .when(new RecordDuplicateClaim(FACT, ID, "P1", "职工养老", YearMonth.of(2023, 5),
                        YearMonth.of(2023, 2)))
                .expectException(codeIs(ErrorCode.INVALID_PERIOD));
    }

    @Test
    void whenAnEnrolmentEndsThenEnrolmentEndRecorded() {
        fixture.givenNoPriorActivity()
                .when(new RecordEnrolmentEnd(FACT, ID, "P1", YearMonth.of(2023, 4), "迁出"))
                .expectEvents(new EnrolmentEndRecorded(FACT, ID, "P1", YearMonth.of(2023, 4), "迁出"));
    }

    @Test
    void givenADeathWhenRetractedThenFactRetractedWithTheReason() {
        fixture.given(DEATH)
                .when(new RetractFact(FACT, "本人健在"))
                .expectEvents(new FactRetracted(FACT, ID, FactKind.DEATH, "本人健在"));
    }

    @Test
    void givenARetractedFactWhenCorrectedOrRetractedAgainThenRefused() {
        fixture.given(DEATH, new FactRetracted(FACT, ID, FactKind.DEATH, "本人健在"))
                .when(new CorrectFact(FACT, LocalDate.of(2023, 4, 1), null, "x"))
                .expectException(codeIs(ErrorCode.FACT_RETRACTED));
        fixture.given(DEATH, new FactRetracted(FACT, ID, FactKind.DEATH, "本人健在"))
                .when(new RetractFact(FACT, "again"))
                .expectException(codeIs(ErrorCode.FACT_RETRACTED));
    }

    @Test
    void givenADeathWhenItsDateIsCorrectedThenFactCorrectedNamesTheOldAndNewDates() {
        fixture.given(DEATH)
                .when(new CorrectFact(FACT, LocalDate.of(2023, 4, 2), null, "死亡证明"))
                .expectEvents(new FactCorrected(FACT, ID, FactKind.DEATH, LocalDate.of(2023, 4, 2), null, DIED, null,
                        "死亡证明"));
    }

    @Test
    void givenADeathWhenCorrectedToTheSameDateOrWithoutAReasonThenRefused() {
        fixture.given(DEATH)
                .when(new CorrectFact(FACT, DIED, null, "x"))
                .expectException(codeIs(ErrorCode.NOTHING_TO_CORRECT));
        fixture.given(DEATH)
                .when(new CorrectFact(FACT, LocalDate.of(2023, 4, 2), null, ""))
                .expectException(codeIs(ErrorCode.MISSING_VALUE));
    }

    @Test
    void givenADeathWhenCorrectedWithAnEndDateThenRefused() {
        fixture.given(DEATH)
                .when(new CorrectFact(FACT, DIED, LocalDate.of(2023, 5, 1), "x"))
                .expectException(codeIs(ErrorCode.INVALID_CORRECTION));
    }

    @Test
    void givenADuplicateClaimWhenCorrectedToDaysInsteadOfMonthsThenRefused() {
        fixture.given(new DuplicateClaimRecorded(FACT, ID, "P1", "职工养老", YearMonth.of(2023, 2),
                        YearMonth.of(2023, 5)))
                .when(new CorrectFact(FACT, LocalDate.of(2023, 2, 3), LocalDate.of(2023, 5, 1), "x"))
                .expectException(codeIs(ErrorCode.INVALID_PERIOD));
    }
}
