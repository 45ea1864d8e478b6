package org.subsidyledger.ledger.fact;

import static org.subsidyledger.ledger.LedgerExceptionMatchers.codeIs;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Map;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.subsidyledger.contract.fact.DeathRecorded;
import org.subsidyledger.contract.fact.DuplicateClaimRecorded;
import org.subsidyledger.contract.fact.EnrolmentEndRecorded;
import org.subsidyledger.contract.AuditMetadata;
import org.subsidyledger.contract.fact.FactChangeApproved;
import org.subsidyledger.contract.fact.FactChangeProposed;
import org.subsidyledger.contract.fact.FactChangeRejected;
import org.subsidyledger.contract.fact.FactCorrected;
import org.subsidyledger.contract.fact.FactKind;
import org.subsidyledger.contract.fact.FactRetracted;
import org.subsidyledger.contract.fact.SuspensionEnded;
import org.subsidyledger.contract.fact.SuspensionKind;
import org.subsidyledger.contract.fact.SuspensionRecorded;
import org.subsidyledger.ledger.fact.FactCommands.CorrectFact;
import org.subsidyledger.ledger.fact.FactCommands.DecideFactChange;
import org.subsidyledger.ledger.fact.FactCommands.Decision;
import org.subsidyledger.ledger.fact.FactCommands.ProposeFactChange;
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

    private static final FactChangeProposed RETRACTION_PROPOSED = new FactChangeProposed(FACT, ID, FactKind.DEATH,
            "c-1", FactChangeProposed.Change.RETRACTION, null, null, "身份证号录入错误");

    @Test
    void givenADeathWhenARetractionIsProposedThenOnlyTheProposalIsRecorded() {
        fixture.given(DEATH)
                .when(new ProposeFactChange(FACT, "c-1", FactChangeProposed.Change.RETRACTION, null, null,
                        " 身份证号录入错误 "), as("clerk"))
                .expectEvents(RETRACTION_PROPOSED);
    }

    @Test
    void givenAProposedRetractionWhenItsProposerApprovesThenRefusedAndNothingChanges() {
        fixture.given(DEATH, by(RETRACTION_PROPOSED, "clerk"))
                .when(new DecideFactChange(FACT, "c-1", Decision.APPROVE, null), as("clerk"))
                .expectException(codeIs(ErrorCode.SEGREGATION_OF_DUTIES))
                .expectNoEvents();
    }

    @Test
    void givenAProposedRetractionWhenAnotherApprovesThenTheFactIsRetractedWithTheProposalsReason() {
        fixture.given(DEATH, by(RETRACTION_PROPOSED, "clerk"))
                .when(new DecideFactChange(FACT, "c-1", Decision.APPROVE, "核对无误"), as("inspector"))
                .expectEvents(new FactChangeApproved(FACT, "c-1", "核对无误"),
                        new FactRetracted(FACT, ID, FactKind.DEATH, "身份证号录入错误"));
    }

    @Test
    void givenAProposedCorrectionWhenAnotherApprovesThenCorrectedFromTheDatesAsTheyAreThen() {
        FactChangeProposed proposed = new FactChangeProposed(FACT, ID, FactKind.DEATH, "c-1",
                FactChangeProposed.Change.CORRECTION, LocalDate.of(2023, 5, 2), null, "死亡日期有误");
        fixture.given(DEATH)
                .when(new ProposeFactChange(FACT, "c-1", FactChangeProposed.Change.CORRECTION,
                        LocalDate.of(2023, 5, 2), null, "死亡日期有误"), as("clerk"))
                .expectEvents(proposed);
        fixture.given(DEATH, by(proposed, "clerk"))
                .when(new DecideFactChange(FACT, "c-1", Decision.APPROVE, null), as("admin"))
                .expectEvents(new FactChangeApproved(FACT, "c-1", null), new FactCorrected(FACT, ID, FactKind.DEATH,
                        LocalDate.of(2023, 5, 2), null, DIED, null, "死亡日期有误"));
    }

    @Test
    void givenAProposedChangeWhenRejectedThenTheFactStaysAndANewChangeCanBeProposed() {
        fixture.given(DEATH, by(RETRACTION_PROPOSED, "clerk"))
                .when(new DecideFactChange(FACT, "c-1", Decision.REJECT, "死亡属实"), as("inspector"))
                .expectEvents(new FactChangeRejected(FACT, "c-1", "死亡属实"));
        fixture.given(DEATH, by(RETRACTION_PROPOSED, "clerk"), new FactChangeRejected(FACT, "c-1", "死亡属实"))
                .when(new RetractFact(FACT, "再次核对"), as("clerk"))
                .expectEvents(new FactRetracted(FACT, ID, FactKind.DEATH, "再次核对"));
    }

    @Test
    void givenAPendingChangeWhenAnotherChangeIsProposedOrMadeOrAnUnknownOneDecidedThenRefused() {
        fixture.given(DEATH, by(RETRACTION_PROPOSED, "clerk"))
                .when(new ProposeFactChange(FACT, "c-2", FactChangeProposed.Change.RETRACTION, null, null, "x"),
                        as("inspector"))
                .expectException(codeIs(ErrorCode.FACT_CHANGE_PENDING));
        fixture.given(DEATH, by(RETRACTION_PROPOSED, "clerk"))
                .when(new CorrectFact(FACT, LocalDate.of(2023, 5, 2), null, "x"), as("inspector"))
                .expectException(codeIs(ErrorCode.FACT_CHANGE_PENDING));
        fixture.given(DEATH, by(RETRACTION_PROPOSED, "clerk"))
                .when(new DecideFactChange(FACT, "c-9", Decision.APPROVE, null), as("inspector"))
                .expectException(codeIs(ErrorCode.UNKNOWN_FACT_CHANGE));
    }

    @Test
    void whenACorrectionProposedChangesNothingThenRefusedAtOnce() {
        fixture.given(DEATH)
                .when(new ProposeFactChange(FACT, "c-1", FactChangeProposed.Change.CORRECTION, DIED, null, "x"),
                        as("clerk"))
                .expectException(codeIs(ErrorCode.NOTHING_TO_CORRECT));
    }

    private static GenericEventMessage<?> by(Object event, String actor) {
        return new GenericEventMessage<>(event, MetaData.with(AuditMetadata.ACTOR, actor));
    }

    private static Map<String, ?> as(String actor) {
        return Map.of(AuditMetadata.ACTOR, actor, AuditMetadata.ROLE, "CLERK");
    }
}
