package org.subsidyledger.ledger.program;

import static org.subsidyledger.ledger.LedgerExceptionMatchers.codeIs;

import java.time.LocalDate;
import java.time.YearMonth;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.subsidyledger.contract.program.AnnualPlanSet;
import org.subsidyledger.contract.program.FundsReceived;
import org.subsidyledger.contract.program.MonthClosed;
import org.subsidyledger.contract.AuditMetadata;
import org.subsidyledger.contract.program.ProgramCreated;
import org.subsidyledger.ledger.program.ProgramCommands.CloseMonth;
import org.subsidyledger.ledger.program.ProgramCommands.CreateProgram;
import org.subsidyledger.ledger.program.ProgramCommands.RecordFundsReceived;
import org.subsidyledger.ledger.program.ProgramCommands.SetAnnualPlan;
import org.subsidyledger.contract.error.ErrorCode;
import org.subsidyledger.contract.error.LedgerException;

class ProgramTest {

    private static final String CODE = "URUMQI-1995";
    private static final ProgramCreated CREATED =
            new ProgramCreated(CODE, "1995年以前退休人员生活补贴", "650100", 12_000, 25, 3, null);

    private FixtureConfiguration<Program> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Program.class);
    }

    @Test
    void givenNothingWhenCreatingAProgramThenProgramCreated() {
        fixture.givenNoPriorActivity()
                .when(new CreateProgram(CODE, " 1995年以前退休人员生活补贴 ", "650100", 12_000, 25, 3, 1, null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(CREATED);
    }

    @Test
    void whenCreatingWithADeadlineDayAfterThe28thThenRejected() {
        fixture.givenNoPriorActivity()
                .when(new CreateProgram(CODE, "x", "650100", 12_000, 31, 3, 1, null))
                .expectException(LedgerException.class)
                .expectExceptionMessage("the deadline day must be 1–28, is 31")
                .expectNoEvents();
    }

    @Test
    void whenCreatingWithFourReviewLevelsThenRejected() {
        fixture.givenNoPriorActivity()
                .when(new CreateProgram(CODE, "x", "650100", 12_000, 25, 4, 1, null))
                .expectException(codeIs(ErrorCode.INVALID_REVIEW_LEVELS));
    }

    @Test
    void whenCreatingWithoutANameThenRejected() {
        fixture.givenNoPriorActivity()
                .when(new CreateProgram(CODE, "  ", "650100", 12_000, 25, 3, 1, null))
                .expectException(codeIs(ErrorCode.INVALID_NAME));
    }

    @Test
    void givenAProgramWhenSettingThePlanThenFirstVersionIsRecorded() {
        fixture.given(CREATED)
                .when(new SetAnnualPlan(CODE, 2023, 16_000, 12, 2_352_000_000L, null))
                .expectEvents(new AnnualPlanSet(CODE, 2023, 16_000, 12, 2_352_000_000L, 1, null));
    }

    @Test
    void givenAPlanWhenSettingTheSameFiguresAgainThenNothingIsRecorded() {
        fixture.given(CREATED, new AnnualPlanSet(CODE, 2023, 16_000, 12, 2_352_000_000L, 1, null))
                .when(new SetAnnualPlan(CODE, 2023, 16_000, 12, 2_352_000_000L, "again"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void givenAPlanWhenCorrectingItThenANewVersionSaysWhy() {
        fixture.given(CREATED, new AnnualPlanSet(CODE, 2023, 16_000, 12, 2_352_000_000L, 1, null))
                .when(new SetAnnualPlan(CODE, 2023, 15_000, 12, 2_200_000_000L, "调整预算"))
                .expectEvents(new AnnualPlanSet(CODE, 2023, 15_000, 12, 2_200_000_000L, 2, "调整预算"));
    }

    @Test
    void whenPlanningThirteenPayoutsThenRejected() {
        fixture.given(CREATED)
                .when(new SetAnnualPlan(CODE, 2023, 16_000, 13, 1, null))
                .expectException(codeIs(ErrorCode.INVALID_PLAN));
    }

    @Test
    void whenPlanningAnAbsurdYearThenRejected() {
        fixture.given(CREATED)
                .when(new SetAnnualPlan(CODE, 1899, 16_000, 12, 1, null))
                .expectException(codeIs(ErrorCode.INVALID_YEAR));
    }

    @Test
    void givenAProgramWhenFundsArriveThenFundsReceived() {
        LocalDate on = LocalDate.of(2023, 3, 1);
        fixture.given(CREATED)
                .when(new RecordFundsReceived(CODE, "t1", 2023, 2_140_000_000L, on, " XCZ-2023-001 "))
                .expectEvents(new FundsReceived(CODE, "t1", 2023, 2_140_000_000L, on, "XCZ-2023-001"));
    }

    @Test
    void givenFundsWithAReferenceWhenTheSameReferenceArrivesAgainThenRejectedAsDuplicate() {
        LocalDate on = LocalDate.of(2023, 3, 1);
        fixture.given(CREATED, new FundsReceived(CODE, "t1", 2023, 100, on, "XCZ-2023-001"))
                .when(new RecordFundsReceived(CODE, "t2", 2023, 100, on, "XCZ-2023-001"))
                .expectException(codeIs(ErrorCode.DUPLICATE_FUNDS_REFERENCE))
                .expectNoEvents();
    }

    @Test
    void whenFundsHaveNoReferenceThenRejected() {
        fixture.given(CREATED)
                .when(new RecordFundsReceived(CODE, "t1", 2023, 100, LocalDate.of(2023, 3, 1), ""))
                .expectException(codeIs(ErrorCode.INVALID_REFERENCE));
    }

    private static final MonthClosed.Figures JANUARY = new MonthClosed.Figures(1, 1, 14_390, 2, 14_388, 14_388,
            172_656_000);

    @Test
    void givenAProgramWhenClosingItsFirstMonthThenTheMonthIsClosedWithItsFigures() {
        fixture.given(CREATED)
                .when(new CloseMonth(CODE, YearMonth.of(2023, 1), JANUARY, " 月结 "))
                .expectEvents(new MonthClosed(CODE, YearMonth.of(2023, 1), JANUARY, "月结"));
    }

    @Test
    void givenJanuaryClosedWhenClosingFebruaryThenClosed() {
        fixture.given(CREATED, new MonthClosed(CODE, YearMonth.of(2023, 1), JANUARY, null))
                .when(new CloseMonth(CODE, YearMonth.of(2023, 2), JANUARY, ""))
                .expectEvents(new MonthClosed(CODE, YearMonth.of(2023, 2), JANUARY, null));
    }

    @Test
    void givenJanuaryClosedWhenClosingJanuaryAgainOrAnEarlierMonthThenRefusedAsClosed() {
        fixture.given(CREATED, new MonthClosed(CODE, YearMonth.of(2023, 1), JANUARY, null))
                .when(new CloseMonth(CODE, YearMonth.of(2022, 12), JANUARY, null))
                .expectException(codeIs(ErrorCode.MONTH_ALREADY_CLOSED))
                .expectNoEvents();
    }

    @Test
    void givenJanuaryClosedWhenClosingMarchThenRefusedUntilFebruaryIsClosed() {
        fixture.given(CREATED, new MonthClosed(CODE, YearMonth.of(2023, 1), JANUARY, null))
                .when(new CloseMonth(CODE, YearMonth.of(2023, 3), JANUARY, null))
                .expectException(codeIs(ErrorCode.MONTH_CLOSE_OUT_OF_ORDER))
                .expectExceptionMessage("program URUMQI-1995 is closed through 2023-01; close 2023-02 before 2023-03")
                .expectNoEvents();
    }

    @Test
    void whenCreatingAProgramWithFewerReviewLevelsThanTheRegionRequiresWithoutApprovalThenRefused() {
        fixture.givenNoPriorActivity()
                .when(new CreateProgram(CODE, "x", "650100", 12_000, 25, 2, 3, null),
                        java.util.Map.of(AuditMetadata.ACTOR, "admin", AuditMetadata.ROLE, "ADMIN"))
                .expectException(codeIs(ErrorCode.REVIEW_LEVELS_BELOW_REQUIRED))
                .expectNoEvents();
    }

    @Test
    void whenAnAdminApprovesFewerReviewLevelsWithAReasonThenTheApprovalIsRecordedInTheEvent() {
        fixture.givenNoPriorActivity()
                .when(new CreateProgram(CODE, "x", "650100", 12_000, 25, 2, 3, " 县级项目两级审核 "),
                        java.util.Map.of(AuditMetadata.ACTOR, "admin", AuditMetadata.ROLE, "ADMIN"))
                .expectEvents(new ProgramCreated(CODE, "x", "650100", 12_000, 25, 2,
                        new ProgramCreated.ReviewLevelsApproval(3, "县级项目两级审核", "admin", "ADMIN")));
    }

    @Test
    void whenCreatingAProgramWithAtLeastTheRequiredLevelsThenNoApprovalIsRecorded() {
        fixture.givenNoPriorActivity()
                .when(new CreateProgram(CODE, "x", "650100", 12_000, 25, 3, 3, "不需要"),
                        java.util.Map.of(AuditMetadata.ACTOR, "admin", AuditMetadata.ROLE, "ADMIN"))
                .expectEvents(new ProgramCreated(CODE, "x", "650100", 12_000, 25, 3, null));
    }

    @Test
    void theRequiredLevelsOfARegionComeFromItsLongestConfiguredPrefix() {
        ReviewLevelPolicy policy = new ReviewLevelPolicy(3, java.util.Map.of("65", 2, "6501", 1));
        org.assertj.core.api.Assertions.assertThat(policy.requiredFor("650102")).isEqualTo(1);
        org.assertj.core.api.Assertions.assertThat(policy.requiredFor("652300")).isEqualTo(2);
        org.assertj.core.api.Assertions.assertThat(policy.requiredFor("320600")).isEqualTo(3);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ReviewLevelPolicy(4, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Events recorded before the approval existed have no {@code reviewLevelsApproval}: they read with null. */
    @Test
    void aProgramCreatedStoredBeforeTheApprovalExistedStillReads() throws Exception {
        ProgramCreated read = new com.fasterxml.jackson.databind.ObjectMapper()
                .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .readValue("""
                        {"code":"P1","name":"x","region":"650100","monthlyStandardFen":12000,"deadlineDay":25,
                         "reviewLevels":3}""", ProgramCreated.class);
        org.assertj.core.api.Assertions.assertThat(read.reviewLevelsApproval()).isNull();
        org.assertj.core.api.Assertions.assertThat(read.reviewLevels()).isEqualTo(3);
    }
}
