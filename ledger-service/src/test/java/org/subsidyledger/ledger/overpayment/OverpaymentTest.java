package org.subsidyledger.ledger.overpayment;

import static org.subsidyledger.ledger.LedgerExceptionMatchers.codeIs;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.subsidyledger.contract.AuditMetadata;
import org.subsidyledger.contract.fact.FactKind;
import org.subsidyledger.contract.overpayment.CancellationApproved;
import org.subsidyledger.contract.overpayment.CancellationProposed;
import org.subsidyledger.contract.overpayment.CancellationRejected;
import org.subsidyledger.contract.overpayment.CaseStatus;
import org.subsidyledger.contract.overpayment.RepaymentMethod;
import org.subsidyledger.contract.overpayment.RepaymentRecorded;
import org.subsidyledger.contract.overpayment.WriteOffApproved;
import org.subsidyledger.contract.overpayment.WriteOffProposed;
import org.subsidyledger.contract.overpayment.WriteOffRejected;
import org.subsidyledger.contract.overpayment.OverpaidMonth;
import org.subsidyledger.contract.overpayment.OverpaymentAdjusted;
import org.subsidyledger.contract.overpayment.OverpaymentCancelled;
import org.subsidyledger.contract.overpayment.OverpaymentIdentified;
import org.subsidyledger.ledger.overpayment.OverpaymentCommands.AdjustOverpayment;
import org.subsidyledger.ledger.overpayment.OverpaymentCommands.CancelOverpayment;
import org.subsidyledger.ledger.overpayment.OverpaymentCommands.Decision;
import org.subsidyledger.ledger.overpayment.OverpaymentCommands.DecideCancellation;
import org.subsidyledger.ledger.overpayment.OverpaymentCommands.DecideWriteOff;
import org.subsidyledger.ledger.overpayment.OverpaymentCommands.ProposeCancellation;
import org.subsidyledger.ledger.overpayment.OverpaymentCommands.ProposeWriteOff;
import org.subsidyledger.ledger.overpayment.OverpaymentCommands.RecordRepayment;
import org.subsidyledger.ledger.overpayment.OverpaymentCommands.IdentifyOverpayment;
import org.subsidyledger.contract.error.ErrorCode;

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
    void whenIdentifiedThenTheAmountIsTheSumOfTheMonths() {
        fixture.givenNoPriorActivity()
                .when(new IdentifyOverpayment(CASE, ID, "P1", "f-1", FactKind.DEATH, "DEATH_NEXT_MONTH",
                        "死亡次月停发", List.of(APRIL, MAY), TODAY))
                .expectEvents(IDENTIFIED);
    }

    @Test
    void whenIdentifiedWithoutMonthsOrWithOnePaymentTwiceThenRefused() {
        fixture.givenNoPriorActivity()
                .when(new IdentifyOverpayment(CASE, ID, "P1", "f-1", FactKind.DEATH, "R", "r", List.of(), TODAY))
                .expectException(codeIs(ErrorCode.INVALID_ROWS));
        fixture.givenNoPriorActivity()
                .when(new IdentifyOverpayment(CASE, ID, "P1", "f-1", FactKind.DEATH, "R", "r", List.of(APRIL, APRIL),
                        TODAY))
                .expectException(codeIs(ErrorCode.INVALID_ROWS));
    }

    @Test
    void givenACaseWhenAdjustedThenAddedAndRemovedMonthsAndTheNewAmount() {
        fixture.given(IDENTIFIED)
                .when(new AdjustOverpayment(CASE, List.of(MARCH), List.of(MAY), "死亡日期更正"))
                .expectEvents(new OverpaymentAdjusted(CASE, List.of(MARCH), List.of(MAY), 22_000, 24_000,
                        "死亡日期更正", 0, CaseStatus.OPEN));
    }

    @Test
    void givenACaseWhenAnAdjustmentRemovesAMonthItDoesNotHaveThenRefused() {
        fixture.given(IDENTIFIED)
                .when(new AdjustOverpayment(CASE, List.of(), List.of(MARCH), "x"))
                .expectException(codeIs(ErrorCode.INVALID_ROWS));
    }

    @Test
    void givenACaseWhenAnAdjustmentWouldLeaveNoMonthThenRefusedInFavourOfCancellation() {
        fixture.given(IDENTIFIED)
                .when(new AdjustOverpayment(CASE, List.of(), List.of(APRIL, MAY), "x"))
                .expectException(codeIs(ErrorCode.INVALID_CASE_STATE));
    }

    @Test
    void givenACaseWhenCancelledThenCancelledWithTheReason() {
        fixture.given(IDENTIFIED)
                .when(new CancelOverpayment(CASE, "事实撤回", true))
                .expectEvents(new OverpaymentCancelled(CASE, "事实撤回", true, 0));
    }

    @Test
    void givenACancelledCaseWhenAdjustedOrCancelledAgainThenRefused() {
        fixture.given(IDENTIFIED, new OverpaymentCancelled(CASE, "事实撤回", true, 0))
                .when(new AdjustOverpayment(CASE, List.of(MARCH), List.of(), "x"))
                .expectException(codeIs(ErrorCode.INVALID_CASE_STATE));
        fixture.given(IDENTIFIED, new OverpaymentCancelled(CASE, "事实撤回", true, 0))
                .when(new CancelOverpayment(CASE, "again", true))
                .expectException(codeIs(ErrorCode.INVALID_CASE_STATE));
    }

    @Test
    void givenACaseWhenPartlyRepaidThenPartialAndWhenRepaidInFullThenRecovered() {
        fixture.given(IDENTIFIED)
                .when(repayment("r-1", 10_000), as("inspector"))
                .expectEvents(new RepaymentRecorded(CASE, "r-1", 10_000, TODAY, RepaymentMethod.FAMILY_REFUND, "收据1",
                        10_000, CaseStatus.PARTIAL, null))
                .expectResultMessagePayload(CaseStatus.PARTIAL);
        fixture.given(IDENTIFIED, repaid("r-1", 10_000, 10_000, CaseStatus.PARTIAL))
                .when(repayment("r-2", 14_000), as("inspector"))
                .expectEvents(new RepaymentRecorded(CASE, "r-2", 14_000, TODAY, RepaymentMethod.FAMILY_REFUND, "收据1",
                        24_000, CaseStatus.RECOVERED, null))
                .expectResultMessagePayload(CaseStatus.RECOVERED);
    }

    @Test
    void givenACaseWhenARepaymentExceedsWhatIsOutstandingThenRefusedNotTruncated() {
        fixture.given(IDENTIFIED, repaid("r-1", 10_000, 10_000, CaseStatus.PARTIAL))
                .when(repayment("r-2", 14_001), as("inspector"))
                .expectException(codeIs(ErrorCode.OVER_RECOVERY));
    }

    @Test
    void givenACancelledCaseWhenRepaidThenRefused() {
        fixture.given(IDENTIFIED, new OverpaymentCancelled(CASE, "事实撤回", true, 0))
                .when(repayment("r-1", 100), as("inspector"))
                .expectException(codeIs(ErrorCode.INVALID_CASE_STATE));
    }

    @Test
    void givenAProposedWriteOffWhenApprovedByItsProposerThenRefused() {
        fixture.given(IDENTIFIED, proposed("w-1", 24_000, "inspector"))
                .when(new DecideWriteOff(CASE, "w-1", Decision.APPROVE, null), as("inspector"))
                .expectException(codeIs(ErrorCode.SEGREGATION_OF_DUTIES));
    }

    @Test
    void givenAProposedWriteOffWhenApprovedByAnotherThenWrittenOff() {
        fixture.given(IDENTIFIED, repaid("r-1", 4_000, 4_000, CaseStatus.PARTIAL), proposed("w-1", 20_000, "inspector"))
                .when(new DecideWriteOff(CASE, "w-1", Decision.APPROVE, "家属无力偿还"), as("finance"))
                .expectEvents(new WriteOffApproved(CASE, "w-1", 20_000, "家属无力偿还", 20_000, CaseStatus.WRITTEN_OFF))
                .expectResultMessagePayload(CaseStatus.WRITTEN_OFF);
    }

    @Test
    void givenAProposedWriteOffWhenRejectedThenNothingIsWrittenOffAndANewOneCanBeProposed() {
        fixture.given(IDENTIFIED, proposed("w-1", 20_000, "inspector"))
                .when(new DecideWriteOff(CASE, "w-1", Decision.REJECT, "证据不足"), as("finance"))
                .expectEvents(new WriteOffRejected(CASE, "w-1", "证据不足"))
                .expectResultMessagePayload(CaseStatus.OPEN);
        fixture.given(IDENTIFIED, proposed("w-1", 20_000, "inspector"), new WriteOffRejected(CASE, "w-1", "证据不足"))
                .when(new ProposeWriteOff(CASE, "w-2", 5_000, "部分核销", null), as("inspector"))
                .expectEvents(new WriteOffProposed(CASE, "w-2", 5_000, "部分核销"));
    }

    @Test
    void givenAPendingWriteOffWhenAnotherIsProposedThenRefused() {
        fixture.given(IDENTIFIED, proposed("w-1", 20_000, "inspector"))
                .when(new ProposeWriteOff(CASE, "w-2", 1_000, "x", null), as("inspector"))
                .expectException(codeIs(ErrorCode.WRITE_OFF_PENDING));
    }

    @Test
    void givenAPendingWriteOffWhenRepaymentsLeaveLessOutstandingThenItsApprovalIsRefused() {
        fixture.given(IDENTIFIED, proposed("w-1", 20_000, "inspector"), repaid("r-1", 10_000, 10_000,
                        CaseStatus.PARTIAL))
                .when(new DecideWriteOff(CASE, "w-1", Decision.APPROVE, null), as("finance"))
                .expectException(codeIs(ErrorCode.OVER_RECOVERY));
    }

    @Test
    void givenAProposalWithoutReasonOrAboveOutstandingThenRefused() {
        fixture.given(IDENTIFIED)
                .when(new ProposeWriteOff(CASE, "w-1", 1_000, " ", null), as("inspector"))
                .expectException(codeIs(ErrorCode.MISSING_VALUE));
        fixture.given(IDENTIFIED)
                .when(new ProposeWriteOff(CASE, "w-1", 24_001, "x", null), as("inspector"))
                .expectException(codeIs(ErrorCode.OVER_RECOVERY));
    }

    @Test
    void whenAnInspectorCancelsACaseThenItIsOnlyProposedAndTheCaseIsUnchanged() {
        fixture.given(IDENTIFIED)
                .when(new ProposeCancellation(CASE, "x-1", "认定有误"), as("inspector"))
                .expectEvents(new CancellationProposed(CASE, "x-1", "认定有误"))
                .expectResultMessagePayload(CaseStatus.OPEN);
    }

    @Test
    void givenAProposedCancellationWhenApprovedByItsProposerThenRefused() {
        fixture.given(IDENTIFIED, cancellationProposed("x-1", "inspector"))
                .when(new DecideCancellation(CASE, "x-1", Decision.APPROVE, null), as("inspector"))
                .expectException(codeIs(ErrorCode.SEGREGATION_OF_DUTIES))
                .expectNoEvents();
    }

    @Test
    void givenAProposedCancellationWhenApprovedByAnotherThenTheCaseIsCancelledAsBeforeWithItsReason() {
        fixture.given(IDENTIFIED, repaid("r-1", 4_000, 4_000, CaseStatus.PARTIAL),
                        cancellationProposed("x-1", "inspector"))
                .when(new DecideCancellation(CASE, "x-1", Decision.APPROVE, "核实无误"), as("finance"))
                .expectEvents(new CancellationApproved(CASE, "x-1", "核实无误"),
                        new OverpaymentCancelled(CASE, "认定有误", false, 0))
                .expectResultMessagePayload(CaseStatus.CANCELLED);
    }

    @Test
    void givenAProposedCancellationWhenRejectedThenTheCaseGoesOnAndANewOneCanBeProposed() {
        fixture.given(IDENTIFIED, cancellationProposed("x-1", "inspector"))
                .when(new DecideCancellation(CASE, "x-1", Decision.REJECT, "证据充分"), as("finance"))
                .expectEvents(new CancellationRejected(CASE, "x-1", "证据充分"))
                .expectResultMessagePayload(CaseStatus.OPEN);
        fixture.given(IDENTIFIED, cancellationProposed("x-1", "inspector"),
                        new CancellationRejected(CASE, "x-1", "证据充分"))
                .when(new ProposeCancellation(CASE, "x-2", "补充材料"), as("inspector"))
                .expectEvents(new CancellationProposed(CASE, "x-2", "补充材料"));
    }

    @Test
    void givenAPendingCancellationWhenAnotherIsProposedOrAnUnknownOneDecidedThenRefused() {
        fixture.given(IDENTIFIED, cancellationProposed("x-1", "inspector"))
                .when(new ProposeCancellation(CASE, "x-2", "again"), as("inspector"))
                .expectException(codeIs(ErrorCode.CANCELLATION_PENDING));
        fixture.given(IDENTIFIED, cancellationProposed("x-1", "inspector"))
                .when(new DecideCancellation(CASE, "x-9", Decision.APPROVE, null), as("finance"))
                .expectException(codeIs(ErrorCode.UNKNOWN_CANCELLATION));
    }

    @Test
    void givenAPendingCancellationWhenTheLedgerCancelsTheCaseFirstThenTheProposalCanNoLongerBeApproved() {
        fixture.given(IDENTIFIED, cancellationProposed("x-1", "inspector"),
                        new OverpaymentCancelled(CASE, "事实撤回", true, 0))
                .when(new DecideCancellation(CASE, "x-1", Decision.APPROVE, null), as("finance"))
                .expectException(codeIs(ErrorCode.UNKNOWN_CANCELLATION));
    }

    @Test
    void whenARepaymentIsRecordedWithoutEvidenceThenRefusedWhateverItsMethod() {
        for (RepaymentMethod method : RepaymentMethod.values()) {
            fixture.given(IDENTIFIED)
                    .when(new RecordRepayment(CASE, "r-1", 24_000, TODAY, method, " "), as("inspector"))
                    .expectException(codeIs(ErrorCode.MISSING_EVIDENCE))
                    .expectNoEvents();
        }
        fixture.given(IDENTIFIED)
                .when(new RecordRepayment(CASE, "r-1", 24_000, TODAY, RepaymentMethod.OTHER, "x".repeat(201)),
                        as("inspector"))
                .expectException(codeIs(ErrorCode.TEXT_TOO_LONG));
        fixture.given(IDENTIFIED)
                .when(new RecordRepayment(CASE, "r-1", 24_000, TODAY, RepaymentMethod.OTHER, " 银行流水 88 "),
                        as("inspector"))
                .expectEvents(new RepaymentRecorded(CASE, "r-1", 24_000, TODAY, RepaymentMethod.OTHER, "银行流水 88",
                        24_000, CaseStatus.RECOVERED, null));
    }

    private static GenericEventMessage<?> cancellationProposed(String id, String actor) {
        return new GenericEventMessage<>(new CancellationProposed(CASE, id, "认定有误"),
                MetaData.with(AuditMetadata.ACTOR, actor));
    }

    private static RecordRepayment repayment(String id, long amount) {
        return new RecordRepayment(CASE, id, amount, TODAY, RepaymentMethod.FAMILY_REFUND, "收据1");
    }

    private static RepaymentRecorded repaid(String id, long amount, long recovered, CaseStatus status) {
        return new RepaymentRecorded(CASE, id, amount, TODAY, RepaymentMethod.FAMILY_REFUND, "收据1", recovered,
                status, null);
    }

    private static GenericEventMessage<?> proposed(String id, long amount, String actor) {
        return new GenericEventMessage<>(new WriteOffProposed(CASE, id, amount, "无法追回"),
                MetaData.with(AuditMetadata.ACTOR, actor));
    }

    private static Map<String, ?> as(String actor) {
        return Map.of(AuditMetadata.ACTOR, actor, AuditMetadata.ROLE, "INSPECTOR");
    }
}
