package org.subsidyledger.ledger.evaluation;

import static org.subsidyledger.ledger.LedgerExceptionMatchers.codeIs;

import java.math.BigDecimal;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.subsidyledger.contract.evaluation.EvaluationInputEntered;
import org.subsidyledger.contract.evaluation.EvaluationOpened;
import org.subsidyledger.contract.evaluation.EvaluationScoreEntered;
import org.subsidyledger.ledger.evaluation.EvaluationCommands.EnterInput;
import org.subsidyledger.ledger.evaluation.EvaluationCommands.EnterScore;
import org.subsidyledger.ledger.evaluation.EvaluationCommands.OpenEvaluation;
import org.subsidyledger.contract.error.ErrorCode;
import org.subsidyledger.projections.evaluation.ShippedRubrics;

class EvaluationTest {

    private static final String ID = "P1:2023";
    private static final EvaluationOpened URUMQI = new EvaluationOpened(ID, "P1", 2023,
            "urumqi-pre1995-retirees-2023", 2);
    private static final EvaluationOpened HONGTA = new EvaluationOpened(ID, "P1", 2023,
            "hongta-rural-pension-2023", 2);

    private FixtureConfiguration<Evaluation> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Evaluation.class);
        fixture.registerInjectableResource(new ShippedRubrics());
    }

    @Test
    void whenOpenedWithAShippedRubricThenItsLatestVersionIsRecordedAndOpeningAgainChangesNothing() {
        fixture.givenNoPriorActivity()
                .when(new OpenEvaluation(ID, "P1", 2023, "urumqi-pre1995-retirees-2023", 0))
                .expectEvents(URUMQI);
        fixture.given(URUMQI)
                .when(new OpenEvaluation(ID, "P1", 2023, "urumqi-pre1995-retirees-2023", 2))
                .expectNoEvents();
        fixture.given(URUMQI)
                .when(new OpenEvaluation(ID, "P1", 2023, "urumqi-pre1995-retirees-2023", 1))
                .expectEvents(new EvaluationOpened(ID, "P1", 2023, "urumqi-pre1995-retirees-2023", 1));
        fixture.given(URUMQI)
                .when(new OpenEvaluation(ID, "P1", 2023, "hongta-rural-pension-2023", 0))
                .expectEvents(HONGTA);
        fixture.givenNoPriorActivity()
                .when(new OpenEvaluation(ID, "P1", 2023, "urumqi-pre1995-retirees-2023", 7))
                .expectException(codeIs(ErrorCode.UNKNOWN_RUBRIC));
    }

    @Test
    void givenAnEvaluationWhenAQualitativeItemIsScoredWithAReasonThenTheScoreIsRecorded() {
        fixture.given(URUMQI)
                .when(new EnterScore(ID, "socialBenefit", new BigDecimal("14.5"), " 访谈与资料 "))
                .expectEvents(new EvaluationScoreEntered(ID, "socialBenefit", "14.5", "访谈与资料"));
    }

    @Test
    void givenAnEvaluationWhenAScoreIsOutOfRangeOrForAnIndicatorItemOrUnknownOrWithoutReasonThenRefused() {
        fixture.given(URUMQI).when(new EnterScore(ID, "socialBenefit", new BigDecimal("15.01"), "x"))
                .expectException(codeIs(ErrorCode.INVALID_SCORE));
        fixture.given(URUMQI).when(new EnterScore(ID, "socialBenefit", new BigDecimal("-1"), "x"))
                .expectException(codeIs(ErrorCode.INVALID_SCORE));
        fixture.given(URUMQI).when(new EnterScore(ID, "socialBenefit", new BigDecimal("1.005"), "x"))
                .expectException(codeIs(ErrorCode.INVALID_SCORE));
        fixture.given(URUMQI).when(new EnterScore(ID, "fundsArrival", new BigDecimal("5"), "x"))
                .expectException(codeIs(ErrorCode.INVALID_SCORE));
        fixture.given(URUMQI).when(new EnterScore(ID, "nothing", BigDecimal.ONE, "x"))
                .expectException(codeIs(ErrorCode.UNKNOWN_RUBRIC_ITEM));
        fixture.given(URUMQI).when(new EnterScore(ID, "socialBenefit", BigDecimal.ONE, " "))
                .expectException(codeIs(ErrorCode.MISSING_VALUE));
    }

    @Test
    void givenTheHongtaRubricWhenASurveyIsEnteredThenRecordedButAComputedIndicatorOrABadFractionIsRefused() {
        fixture.given(HONGTA).when(new EnterInput(ID, "satisfactionRate", 193, 225, "问卷333份，有效225份"))
                .expectEvents(new EvaluationInputEntered(ID, "satisfactionRate", 193, 225, "问卷333份，有效225份"));
        fixture.given(HONGTA).when(new EnterInput(ID, "fullPaymentRate", 1, 1, "x"))
                .expectException(codeIs(ErrorCode.INVALID_SCORE));
        fixture.given(HONGTA).when(new EnterInput(ID, "satisfactionRate", 226, 225, "x"))
                .expectException(codeIs(ErrorCode.INVALID_SCORE));
        fixture.given(URUMQI).when(new EnterInput(ID, "satisfactionRate", 193, 225, "x"))
                .expectException(codeIs(ErrorCode.UNKNOWN_RUBRIC_ITEM));
    }

    @Test
    void givenTheHongtaRubricVersionTwoWhenItsAccuracyIsScoredByHandOrItsCasesEnteredThenRefused() {
        fixture.given(HONGTA).when(new EnterScore(ID, "eligibilityAccuracy", new BigDecimal("4"), "追回台账"))
                .expectException(codeIs(ErrorCode.INVALID_SCORE));
        fixture.given(HONGTA).when(new EnterInput(ID, "overpaymentCases.DUPLICATE_ONE_OFF", 82, 1, "x"))
                .expectException(codeIs(ErrorCode.INVALID_SCORE));
        EvaluationOpened versionOne = new EvaluationOpened(ID, "P1", 2023, "hongta-rural-pension-2023", 1);
        fixture.given(versionOne).when(new EnterScore(ID, "eligibilityAccuracy", new BigDecimal("4"), "追回台账"))
                .expectEvents(new EvaluationScoreEntered(ID, "eligibilityAccuracy", "4", "追回台账"));
    }
}
