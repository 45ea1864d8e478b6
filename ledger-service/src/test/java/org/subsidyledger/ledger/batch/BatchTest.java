package org.subsidyledger.ledger.batch;

import static org.subsidyledger.ledger.LedgerExceptionMatchers.codeIs;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.ResultValidator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.subsidyledger.contract.AuditMetadata;
import org.subsidyledger.contract.batch.BankReturnsRecorded;
import org.subsidyledger.contract.batch.BatchApproved;
import org.subsidyledger.contract.batch.BatchDisbursed;
import org.subsidyledger.contract.batch.BatchLinesRecorded;
import org.subsidyledger.contract.batch.BatchLinesRecorded.Line;
import org.subsidyledger.contract.batch.BatchLinesRecorded.Mark;
import org.subsidyledger.contract.batch.BatchLinesStopped;
import org.subsidyledger.contract.batch.BatchPosted;
import org.subsidyledger.contract.batch.BatchRejected;
import org.subsidyledger.contract.batch.BatchResubmitted;
import org.subsidyledger.contract.batch.BatchReviewed;
import org.subsidyledger.contract.batch.BatchStatus;
import org.subsidyledger.contract.batch.BatchWithdrawn;
import org.subsidyledger.contract.fact.FactKind;
import org.subsidyledger.ledger.batch.BatchCommands.DecideApproval;
import org.subsidyledger.ledger.batch.BatchCommands.Decision;
import org.subsidyledger.ledger.batch.BatchCommands.DisburseBatch;
import org.subsidyledger.ledger.batch.BatchCommands.PostBatch;
import org.subsidyledger.ledger.batch.BatchCommands.RecordBankReturns;
import org.subsidyledger.ledger.batch.BatchCommands.ResubmitBatch;
import org.subsidyledger.ledger.batch.BatchCommands.ReviewBatch;
import org.subsidyledger.ledger.batch.BatchCommands.StopBatchLines;
import org.subsidyledger.ledger.batch.BatchCommands.WithdrawBatch;
import org.subsidyledger.contract.error.ErrorCode;

class BatchTest {

    private static final String BATCH = "b-1";
    private static final String PROGRAM = "URUMQI-1995";
    private static final YearMonth MONTH = YearMonth.of(2023, 2);
    private static final BatchPosted POSTED = new BatchPosted(BATCH, PROGRAM, MONTH, 3, 2, 24_000, 0, 0, 1, "feb.csv",
            null);
    private static final List<Line> TWO_LINES = List.of(
            new Line(2, "11010519491231002X", "张三", 12_000, 12_000, Mark.FULL),
            new Line(3, "650102193001010011", "李四", 12_000, 12_000, Mark.FULL));

    /** When the given events were recorded: finance approved on 2023-02-15 (Asia/Shanghai), before the 20th. */
    private static final java.time.Instant RECORDED = java.time.Instant.parse("2023-02-15T02:00:00Z");
    private static final long WINDOW = 30;

    private static final List<BankReturnsRecorded.Returned> RETURNS = List.of(
            new BankReturnsRecorded.Returned(2, "11010519491231002X", 2, 12_000, "账户已销户"));

    private FixtureConfiguration<Batch> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Batch.class);
    }

    @Test
    void givenNothingWhenPosting2500LinesThenHeaderAndThreePartsWithTotalsAndMarks() {
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            long amount = i == 0 ? 10_000 : i == 1 ? 15_000 : 12_000;
            Mark mark = i == 0 ? Mark.SHORT : i == 1 ? Mark.OVER : Mark.FULL;
            lines.add(new Line(i + 2, String.format("%018d", i), "n" + i, amount, 12_000, mark));
        }
        fixture.givenNoPriorActivity()
                .when(new PostBatch(BATCH, PROGRAM, MONTH, 3, "feb.csv", "abc", lines), as("clerk", "CLERK"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(
                        new BatchPosted(BATCH, PROGRAM, MONTH, 3, 2_500, 2_500L * 12_000 - 2_000 + 3_000, 1, 1, 3,
                                "feb.csv", "abc"),
                        new BatchLinesRecorded(BATCH, PROGRAM, 0, lines.subList(0, 1_000)),
                        new BatchLinesRecorded(BATCH, PROGRAM, 1, lines.subList(1_000, 2_000)),
                        new BatchLinesRecorded(BATCH, PROGRAM, 2, lines.subList(2_000, 2_500)));
    }

    @Test
    void whenPostingLinesWhoseTotalOverflowsThenRejectedAndNothingRecorded() {
        List<Line> lines = List.of(new Line(2, String.format("%018d", 1), "n", Long.MAX_VALUE / 2 + 1, 12_000,
                Mark.OVER), new Line(3, String.format("%018d", 2), "m", Long.MAX_VALUE / 2 + 1, 12_000, Mark.OVER));
        fixture.givenNoPriorActivity()
                .when(new PostBatch(BATCH, PROGRAM, MONTH, 3, "x", null, lines), as("clerk", "CLERK"))
                .expectException(codeIs(ErrorCode.INVALID_AMOUNT))
                .expectNoEvents();
    }

    @Test
    void whenPostingNoLineThenRejected() {
        fixture.givenNoPriorActivity()
                .when(new PostBatch(BATCH, PROGRAM, MONTH, 3, "x", null, List.of()), as("clerk", "CLERK"))
                .expectException(codeIs(ErrorCode.INVALID_ROWS))
                .expectNoEvents();
    }

    @Test
    void givenPostedWhenAnotherReviewerApprovesLevel1ThenReviewed() {
        givenPosted()
                .when(new ReviewBatch(BATCH, 1, Decision.APPROVE, "核对无误"), as("reviewer1", "REVIEWER"))
                .expectEvents(new BatchReviewed(BATCH, 1, 1, "核对无误"))
                .expectResultMessagePayload(BatchStatus.IN_REVIEW);
    }

    @Test
    void givenPostedWhenTheClerkWhoPostedReviewsThenRefusedBySegregationOfDuties() {
        givenPosted()
                .when(new ReviewBatch(BATCH, 1, Decision.APPROVE, null), as("clerk", "REVIEWER"))
                .expectException(codeIs(ErrorCode.SEGREGATION_OF_DUTIES))
                .expectNoEvents();
    }

    @Test
    void givenPostedWhenLevel2IsReviewedFirstThenRefusedAsOutOfOrder() {
        givenPosted()
                .when(new ReviewBatch(BATCH, 2, Decision.APPROVE, null), as("reviewer2", "REVIEWER"))
                .expectException(codeIs(ErrorCode.REVIEW_OUT_OF_ORDER));
    }

    @Test
    void givenLevel1PassedWhenTheSameReviewerReviewsLevel2ThenRefused() {
        givenPosted(reviewed(1, "reviewer1"))
                .when(new ReviewBatch(BATCH, 2, Decision.APPROVE, null), as("reviewer1", "REVIEWER"))
                .expectException(codeIs(ErrorCode.SEGREGATION_OF_DUTIES));
    }

    @Test
    void givenLevel1PassedWhenLevel1IsReviewedAgainThenRefusedAsOutOfOrder() {
        givenPosted(reviewed(1, "reviewer1"))
                .when(new ReviewBatch(BATCH, 1, Decision.APPROVE, null), as("reviewer2", "REVIEWER"))
                .expectException(codeIs(ErrorCode.REVIEW_OUT_OF_ORDER));
    }

    @Test
    void givenTwoLevelsPassedWhenLevel3IsApprovedThenTheBatchIsReviewedAndWaitsForFinance() {
        givenPosted(reviewed(1, "reviewer1"), reviewed(2, "reviewer2"))
                .when(new ReviewBatch(BATCH, 3, Decision.APPROVE, null), as("reviewer3", "REVIEWER"))
                .expectEvents(new BatchReviewed(BATCH, 3, 1, null))
                .expectResultMessagePayload(BatchStatus.REVIEWED);
    }

    @Test
    void givenTwoLevelsPassedWhenFinanceApprovesThenRefusedBecauseLevel3IsMissing() {
        givenPosted(reviewed(1, "reviewer1"), reviewed(2, "reviewer2"))
                .when(new DecideApproval(BATCH, Decision.APPROVE, null), as("finance", "FINANCE"))
                .expectException(codeIs(ErrorCode.INVALID_BATCH_STATE));
    }

    @Test
    void givenAllLevelsPassedWhenFinanceApprovesThenApproved() {
        givenReviewed()
                .when(new DecideApproval(BATCH, Decision.APPROVE, "资金已到位"), as("finance", "FINANCE"))
                .expectEvents(new BatchApproved(BATCH, "资金已到位"))
                .expectResultMessagePayload(BatchStatus.APPROVED);
    }

    @Test
    void givenAllLevelsPassedWhenAReviewerOfThisBatchApprovesAsFinanceThenRefused() {
        givenReviewed()
                .when(new DecideApproval(BATCH, Decision.APPROVE, null), as("reviewer2", "FINANCE"))
                .expectException(codeIs(ErrorCode.SEGREGATION_OF_DUTIES));
    }

    @Test
    void whenRejectingWithoutACommentThenRefused() {
        givenPosted()
                .when(new ReviewBatch(BATCH, 1, Decision.REJECT, " "), as("reviewer1", "REVIEWER"))
                .expectException(codeIs(ErrorCode.MISSING_VALUE));
    }

    @Test
    void whenTheDecisionIsMissingThenRefused() {
        givenPosted()
                .when(new ReviewBatch(BATCH, 1, null, null), as("reviewer1", "REVIEWER"))
                .expectException(codeIs(ErrorCode.INVALID_DECISION));
    }

    @Test
    void givenLevel1PassedWhenLevel2RejectsThenTheBatchGoesBackToTheClerk() {
        givenPosted(reviewed(1, "reviewer1"))
                .when(new ReviewBatch(BATCH, 2, Decision.REJECT, "金额有误"), as("reviewer2", "REVIEWER"))
                .expectEvents(new BatchRejected(BATCH, "REVIEW", 2, 1, "金额有误"))
                .expectResultMessagePayload(BatchStatus.RETURNED);
    }

    @Test
    void givenRejectedWhenReviewedThenRefusedUntilResubmitted() {
        givenPosted(reviewed(1, "reviewer1"), event(new BatchRejected(BATCH, "REVIEW", 2, 1, "金额有误"), "reviewer2"))
                .when(new ReviewBatch(BATCH, 2, Decision.APPROVE, null), as("reviewer3", "REVIEWER"))
                .expectException(codeIs(ErrorCode.INVALID_BATCH_STATE));
    }

    @Test
    void givenRejectedAndResubmittedWhenTheFirstReviewerReviewsLevel1AgainThenANewRoundStarts() {
        givenPosted(reviewed(1, "reviewer1"), event(new BatchRejected(BATCH, "REVIEW", 2, 1, "金额有误"), "reviewer2"),
                event(new BatchResubmitted(BATCH, 2, "已更正"), "clerk"))
                .when(new ReviewBatch(BATCH, 1, Decision.APPROVE, null), as("reviewer1", "REVIEWER"))
                .expectEvents(new BatchReviewed(BATCH, 1, 2, null));
    }

    @Test
    void givenRejectedByFinanceWhenResubmittedThenRound2() {
        givenReviewed(event(new BatchRejected(BATCH, "FINANCE", 0, 1, "预算不足"), "finance"))
                .when(new ResubmitBatch(BATCH, null), as("clerk", "CLERK"))
                .expectEvents(new BatchResubmitted(BATCH, 2, null))
                .expectResultMessagePayload(BatchStatus.IN_REVIEW);
    }

    @Test
    void givenInReviewWhenResubmittedThenRefused() {
        givenPosted()
                .when(new ResubmitBatch(BATCH, null), as("clerk", "CLERK"))
                .expectException(codeIs(ErrorCode.INVALID_BATCH_STATE));
    }

    @Test
    void givenInReviewWhenDisbursedThenRefused() {
        givenPosted()
                .when(new DisburseBatch(BATCH, LocalDate.of(2023, 2, 20)), as("finance", "FINANCE"))
                .expectException(codeIs(ErrorCode.INVALID_BATCH_STATE));
    }

    @Test
    void givenApprovedWhenDisbursedThenDisbursedWithTotals() {
        givenApproved()
                .when(new DisburseBatch(BATCH, LocalDate.of(2023, 2, 20)), as("finance", "FINANCE"))
                .expectEvents(new BatchDisbursed(BATCH, PROGRAM, LocalDate.of(2023, 2, 20), 2, 24_000, List.of(), 0))
                .expectResultMessagePayload(BatchStatus.DISBURSED);
    }

    @Test
    void givenApprovedWhenDisbursedOnAFutureDateThenRefused() {
        givenApproved()
                .when(new DisburseBatch(BATCH, LocalDate.now(Batch.ZONE).plusDays(2)), as("finance", "FINANCE"))
                .expectException(codeIs(ErrorCode.INVALID_DATE));
    }

    @Test
    void givenDisbursedWhenDisbursedAgainThenRefused() {
        givenDisbursed()
                .when(new DisburseBatch(BATCH, LocalDate.of(2023, 2, 21)), as("finance", "FINANCE"))
                .expectException(codeIs(ErrorCode.INVALID_BATCH_STATE));
    }

    @Test
    void givenDisbursedWhenTheBankReturnsALineThenBankReturnsRecorded() {
        givenDisbursed()
                .when(new RecordBankReturns(BATCH, "JSON", RETURNS, " 退票-0001 ", WINDOW), as("finance", "FINANCE"))
                .expectEvents(new BankReturnsRecorded(BATCH, PROGRAM, "JSON", RETURNS, "退票-0001"));
    }

    @Test
    void givenApprovedWhenTheBankReturnsALineThenRefusedBecauseNothingWasPaid() {
        givenApproved()
                .when(new RecordBankReturns(BATCH, "JSON", RETURNS, "退票-0001", WINDOW), as("finance", "FINANCE"))
                .expectException(codeIs(ErrorCode.INVALID_BATCH_STATE));
    }

    @Test
    void givenDisbursedWhenTheClerkWhoPostedItRecordsAReturnThenRefusedEvenWithinTheWindow() {
        givenDisbursedOn(LocalDate.now(Batch.ZONE).minusDays(1))
                .when(new RecordBankReturns(BATCH, "JSON", RETURNS, "退票-0001", WINDOW), as("clerk", "CLERK"))
                .expectException(codeIs(ErrorCode.SEGREGATION_OF_DUTIES))
                .expectNoEvents();
    }

    @Test
    void givenDisbursedWithinTheWindowWhenAnotherClerkRecordsAReturnThenRecordedWithoutReference() {
        givenDisbursedOn(LocalDate.now(Batch.ZONE).minusDays(WINDOW))
                .when(new RecordBankReturns(BATCH, "JSON", RETURNS, null, WINDOW), as("clerk2", "CLERK"))
                .expectEvents(new BankReturnsRecorded(BATCH, PROGRAM, "JSON", RETURNS, null));
    }

    @Test
    void givenDisbursedBeforeTheWindowWhenAClerkRecordsAReturnThenRefusedForFinance() {
        givenDisbursedOn(LocalDate.now(Batch.ZONE).minusDays(WINDOW + 1))
                .when(new RecordBankReturns(BATCH, "JSON", RETURNS, "退票-0001", WINDOW), as("clerk2", "CLERK"))
                .expectException(codeIs(ErrorCode.SEGREGATION_OF_DUTIES))
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("finance must record"));
    }

    @Test
    void givenDisbursedBeforeTheWindowWhenFinanceRecordsAReturnWithoutReferenceThenMissingEvidence() {
        givenDisbursed()
                .when(new RecordBankReturns(BATCH, "JSON", RETURNS, "  ", WINDOW), as("finance", "FINANCE"))
                .expectException(codeIs(ErrorCode.MISSING_EVIDENCE))
                .expectNoEvents();
    }

    @Test
    void givenApprovedWhenDisbursedOnADateBeforeTheApprovalThenRefused() {
        givenApproved()
                .when(new DisburseBatch(BATCH, LocalDate.of(2023, 2, 14)), as("finance", "FINANCE"))
                .expectException(codeIs(ErrorCode.INVALID_DATE))
                .expectNoEvents();
        givenApproved()
                .when(new DisburseBatch(BATCH, LocalDate.of(2000, 1, 1)), as("finance", "FINANCE"))
                .expectException(codeIs(ErrorCode.INVALID_DATE));
    }

    @Test
    void givenApprovedLateInTheEveningUtcWhenDisbursedTheSameUtcDayThenRefusedBecauseInShanghaiItWasTheNextDay() {
        List<Object> events = new ArrayList<>(List.of(event(POSTED, "clerk"),
                event(new BatchLinesRecorded(BATCH, PROGRAM, 0, TWO_LINES), "clerk"), reviewed(1, "reviewer1"),
                reviewed(2, "reviewer2"), reviewed(3, "reviewer3"), event(new BatchApproved(BATCH, null), "finance")));
        fixture.givenCurrentTime(java.time.Instant.parse("2023-02-20T16:30:00Z")).andGiven(events)
                .when(new DisburseBatch(BATCH, LocalDate.of(2023, 2, 20)), as("finance", "FINANCE"))
                .expectException(codeIs(ErrorCode.INVALID_DATE));
        fixture.givenCurrentTime(java.time.Instant.parse("2023-02-20T16:30:00Z")).andGiven(events)
                .when(new DisburseBatch(BATCH, LocalDate.of(2023, 2, 21)), as("finance", "FINANCE"))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void givenAProgramClosedThroughAMonthWhenDisbursedOnADateInItThenRefused() {
        givenApproved()
                .when(new DisburseBatch(BATCH, LocalDate.of(2023, 2, 20), List.of(), YearMonth.of(2023, 2)),
                        as("finance", "FINANCE"))
                .expectException(codeIs(ErrorCode.MONTH_CLOSED));
        givenApproved()
                .when(new DisburseBatch(BATCH, LocalDate.of(2023, 2, 20), List.of(), YearMonth.of(2023, 1)),
                        as("finance", "FINANCE"))
                .expectEvents(new BatchDisbursed(BATCH, PROGRAM, LocalDate.of(2023, 2, 20), 2, 24_000, List.of(), 0));
    }

    @Test
    void aLineAboveTheProgramsStandardIsOverEvenWhenItEqualsTheRecipientsOwnStandard() {
        org.assertj.core.api.Assertions.assertThat(BatchPostingService.mark(999_999_999_999_999L,
                999_999_999_999_999L, 12_000)).isEqualTo(Mark.OVER);
        org.assertj.core.api.Assertions.assertThat(BatchPostingService.mark(12_000, 12_000, 12_000))
                .isEqualTo(Mark.FULL);
        org.assertj.core.api.Assertions.assertThat(BatchPostingService.mark(10_000, 10_000, 12_000))
                .isEqualTo(Mark.FULL);
        org.assertj.core.api.Assertions.assertThat(BatchPostingService.mark(9_000, 10_000, 12_000))
                .isEqualTo(Mark.SHORT);
        org.assertj.core.api.Assertions.assertThat(BatchPostingService.mark(11_000, 10_000, 12_000))
                .isEqualTo(Mark.OVER);
    }

    @Test
    void givenRejectedWhenWithdrawnWithAReasonThenWithdrawn() {
        givenPosted(event(new BatchRejected(BATCH, "REVIEW", 1, 1, "名单有误"), "reviewer1"))
                .when(new WithdrawBatch(BATCH, "重新编制"), as("clerk", "CLERK"))
                .expectEvents(new BatchWithdrawn(BATCH, "重新编制"))
                .expectResultMessagePayload(BatchStatus.WITHDRAWN);
    }

    @Test
    void givenApprovedWhenWithdrawnThenRefused() {
        givenApproved()
                .when(new WithdrawBatch(BATCH, "x"), as("clerk", "CLERK"))
                .expectException(codeIs(ErrorCode.INVALID_BATCH_STATE));
    }

    @Test
    void givenWithdrawnWhenReviewedThenRefused() {
        givenPosted(event(new BatchWithdrawn(BATCH, "重新编制"), "clerk"))
                .when(new ReviewBatch(BATCH, 1, Decision.APPROVE, null), as("reviewer1", "REVIEWER"))
                .expectException(codeIs(ErrorCode.INVALID_BATCH_STATE));
    }

    @Test
    void givenApprovedWhenALineIsStoppedThenTheDisbursementPaysOnlyTheRest() {
        List<BatchLinesStopped.Stopped> stopped = List.of(new BatchLinesStopped.Stopped(3, "650102193001010011",
                12_000));
        givenApproved()
                .when(new StopBatchLines(BATCH, "fact-1", FactKind.DEATH, stopped), as("clerk", "CLERK"))
                .expectEvents(new BatchLinesStopped(BATCH, PROGRAM, "fact-1", FactKind.DEATH, stopped))
                .expectResultMessagePayload(BatchStatus.APPROVED);
        givenApproved(event(new BatchLinesStopped(BATCH, PROGRAM, "fact-1", FactKind.DEATH, stopped), "clerk"))
                .when(new DisburseBatch(BATCH, LocalDate.of(2023, 2, 20)), as("finance", "FINANCE"))
                .expectEvents(new BatchDisbursed(BATCH, PROGRAM, LocalDate.of(2023, 2, 20), 1, 12_000, List.of(), 0));
    }

    @Test
    void givenDisbursedWhenALineIsStoppedThenRefusedBecauseItIsAlreadyPaid() {
        givenDisbursed()
                .when(new StopBatchLines(BATCH, "fact-1", FactKind.DEATH, List.of(new BatchLinesStopped.Stopped(3,
                        "650102193001010011", 12_000))), as("clerk", "CLERK"))
                .expectException(codeIs(ErrorCode.INVALID_BATCH_STATE));
    }

    private ResultValidatorSupplier givenPosted(Object... more) {
        List<Object> events = new ArrayList<>();
        events.add(event(POSTED, "clerk"));
        events.add(event(new BatchLinesRecorded(BATCH, PROGRAM, 0, TWO_LINES), "clerk"));
        events.addAll(List.of(more));
        return (command, metaData) -> fixture.givenCurrentTime(RECORDED).andGiven(events).when(command, metaData);
    }

    private ResultValidatorSupplier givenReviewed(Object... more) {
        List<Object> events = new ArrayList<>(List.of(reviewed(1, "reviewer1"), reviewed(2, "reviewer2"),
                reviewed(3, "reviewer3")));
        events.addAll(List.of(more));
        return givenPosted(events.toArray());
    }

    private ResultValidatorSupplier givenApproved(Object... more) {
        List<Object> events = new ArrayList<>(List.of(event(new BatchApproved(BATCH, null), "finance")));
        events.addAll(List.of(more));
        return givenReviewed(events.toArray());
    }

    private ResultValidatorSupplier givenDisbursed() {
        return givenDisbursedOn(LocalDate.of(2023, 2, 20));
    }

    private ResultValidatorSupplier givenDisbursedOn(LocalDate disbursedOn) {
        return givenReviewed(event(new BatchApproved(BATCH, null), "finance"),
                event(new BatchDisbursed(BATCH, PROGRAM, disbursedOn, 2, 24_000, List.of(), 0), "finance"));
    }

    /** Completes a given-phase with the command and its metadata. */
    private interface ResultValidatorSupplier {
        ResultValidator<Batch> when(Object command, Map<String, ?> metaData);
    }

    private static GenericEventMessage<?> reviewed(int level, String reviewer) {
        return event(new BatchReviewed(BATCH, level, 1, null), reviewer);
    }

    private static GenericEventMessage<?> event(Object payload, String actor) {
        return new GenericEventMessage<>(payload, MetaData.with(AuditMetadata.ACTOR, actor));
    }

    private static Map<String, ?> as(String actor, String role) {
        return Map.of(AuditMetadata.ACTOR, actor, AuditMetadata.ROLE, role);
    }
}
