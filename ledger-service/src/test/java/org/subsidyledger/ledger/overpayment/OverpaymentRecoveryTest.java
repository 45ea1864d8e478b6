package org.subsidyledger.ledger.overpayment;

import static org.subsidyledger.ledger.LedgerExceptionMatchers.codeIs;

import java.math.BigDecimal;
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
import org.subsidyledger.contract.overpayment.CaseStatus;
import org.subsidyledger.contract.overpayment.DeductionArranged;
import org.subsidyledger.contract.overpayment.DeductionEnded;
import org.subsidyledger.contract.overpayment.OverpaidMonth;
import org.subsidyledger.contract.overpayment.OverpaymentAdjusted;
import org.subsidyledger.contract.overpayment.OverpaymentCancelled;
import org.subsidyledger.contract.overpayment.OverpaymentIdentified;
import org.subsidyledger.contract.overpayment.PaymentLine;
import org.subsidyledger.contract.overpayment.RefundRecorded;
import org.subsidyledger.contract.overpayment.RepaymentMethod;
import org.subsidyledger.contract.overpayment.RepaymentRecorded;
import org.subsidyledger.contract.overpayment.RepaymentReversed;
import org.subsidyledger.contract.overpayment.WriteOffApproved;
import org.subsidyledger.contract.overpayment.WriteOffProposed;
import org.subsidyledger.ledger.overpayment.OverpaymentCommands.AdjustOverpayment;
import org.subsidyledger.ledger.overpayment.OverpaymentCommands.ArrangeDeduction;
import org.subsidyledger.ledger.overpayment.OverpaymentCommands.CancelOverpayment;
import org.subsidyledger.ledger.overpayment.OverpaymentCommands.DeductFromPayment;
import org.subsidyledger.ledger.overpayment.OverpaymentCommands.EndDeduction;
import org.subsidyledger.ledger.overpayment.OverpaymentCommands.RecordRefund;
import org.subsidyledger.ledger.overpayment.OverpaymentCommands.RecordRepayment;
import org.subsidyledger.ledger.overpayment.OverpaymentCommands.ReverseRepayment;
import org.subsidyledger.contract.error.ErrorCode;

/**
 * Recovery of a case beyond plain repayments: deduction from later payments with a cap, reversal of repayments,
 * refunds of what a corrected or cancelled case no longer owes, and write-offs released by a smaller amount.
 */
class OverpaymentRecoveryTest {

    private static final String CASE = "c-1";
    private static final String ID = "11010519491231002X";
    private static final LocalDate TODAY = LocalDate.of(2023, 8, 20);
    private static final OverpaidMonth APRIL = new OverpaidMonth(YearMonth.of(2023, 4), "b-4", 7, 12_000, "e-4");
    private static final OverpaidMonth MAY = new OverpaidMonth(YearMonth.of(2023, 5), "b-5", 7, 12_000, "e-5");
    private static final OverpaymentIdentified IDENTIFIED = new OverpaymentIdentified(CASE, ID, "P1", "f-1",
            FactKind.SUSPENSION, "SUSPENSION_MONTHS", "停发", List.of(APRIL, MAY), 24_000, TODAY);
    /** 50% of a 120.00 standard: at most 60.00 from each payment. */
    private static final DeductionArranged ARRANGED = new DeductionArranged(CASE, ID, "P1", "0.5", 12_000, 6_000, true);

    private FixtureConfiguration<Overpayment> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Overpayment.class);
    }

    @Test
    void whenDeductionIsArrangedThenTheCapIsTheShareOfTheStandardRoundedDown() {
        fixture.given(IDENTIFIED)
                .when(new ArrangeDeduction(CASE, new BigDecimal("0.333"), 12_050, false), as("inspector"))
                .expectEvents(new DeductionArranged(CASE, ID, "P1", "0.333", 12_050, 4_012));
    }

    @Test
    void whenDeductionIsArrangedWithAShareOutsideZeroToOneOrOnACancelledOrSettledCaseThenRefused() {
        fixture.given(IDENTIFIED)
                .when(new ArrangeDeduction(CASE, new BigDecimal("1.5"), 12_000, false), as("inspector"))
                .expectException(codeIs(ErrorCode.INVALID_DEDUCTION_SHARE));
        fixture.given(IDENTIFIED)
                .when(new ArrangeDeduction(CASE, new BigDecimal("0.00001"), 12_000, false), as("inspector"))
                .expectException(codeIs(ErrorCode.INVALID_DEDUCTION_SHARE));
        fixture.given(IDENTIFIED, new OverpaymentCancelled(CASE, "错误", false, 0))
                .when(new ArrangeDeduction(CASE, new BigDecimal("0.5"), 12_000, false), as("inspector"))
                .expectException(codeIs(ErrorCode.INVALID_CASE_STATE));
        fixture.given(IDENTIFIED, repaid("r-1", 24_000, 24_000, CaseStatus.RECOVERED))
                .when(new ArrangeDeduction(CASE, new BigDecimal("0.5"), 12_000, false), as("inspector"))
                .expectException(codeIs(ErrorCode.INVALID_CASE_STATE));
    }

    @Test
    void givenADeductionWhenPaymentsAreDisbursedThenEachGivesUpToTheCapUntilNothingIsOutstanding() {
        // 240.00 at 60.00 a payment: four payments; the fifth finds nothing outstanding.
        fixture.given(IDENTIFIED, ARRANGED)
                .when(deduct("d-6", "b-6", 12_000), as("finance"))
                .expectEvents(deducted("d-6", "b-6", 6_000, 6_000, CaseStatus.PARTIAL))
                .expectResultMessagePayload(6_000L);
        fixture.given(IDENTIFIED, ARRANGED, deducted("d-6", "b-6", 6_000, 6_000, CaseStatus.PARTIAL),
                        deducted("d-7", "b-7", 6_000, 12_000, CaseStatus.PARTIAL),
                        deducted("d-8", "b-8", 6_000, 18_000, CaseStatus.PARTIAL))
                .when(deduct("d-9", "b-9", 12_000), as("finance"))
                .expectEvents(deducted("d-9", "b-9", 6_000, 24_000, CaseStatus.RECOVERED));
        fixture.given(IDENTIFIED, ARRANGED, repaid("r-1", 24_000, 24_000, CaseStatus.RECOVERED))
                .when(deduct("d-6", "b-6", 12_000), as("finance"))
                .expectNoEvents()
                .expectResultMessagePayload(0L);
    }

    @Test
    void givenADeductionWhenLessIsOutstandingOrThePaymentCanGiveLessThenOnlyThatIsDeducted() {
        fixture.given(IDENTIFIED, ARRANGED, repaid("r-1", 20_000, 20_000, CaseStatus.PARTIAL))
                .when(deduct("d-6", "b-6", 12_000), as("finance"))
                .expectEvents(deducted("d-6", "b-6", 4_000, 24_000, CaseStatus.RECOVERED));
        fixture.given(IDENTIFIED, ARRANGED)
                .when(deduct("d-6", "b-6", 2_500), as("finance"))
                .expectEvents(deducted("d-6", "b-6", 2_500, 2_500, CaseStatus.PARTIAL));
    }

    @Test
    void givenNoDeductionOrAnEndedOneWhenAPaymentIsDisbursedThenNothingIsDeducted() {
        fixture.given(IDENTIFIED)
                .when(deduct("d-6", "b-6", 12_000), as("finance"))
                .expectNoEvents().expectResultMessagePayload(0L);
        fixture.given(IDENTIFIED, ARRANGED, new DeductionEnded(CASE, "家属一次性退还"))
                .when(deduct("d-6", "b-6", 12_000), as("finance"))
                .expectNoEvents().expectResultMessagePayload(0L);
        fixture.given(IDENTIFIED, ARRANGED, new OverpaymentCancelled(CASE, "错误", false, 0))
                .when(deduct("d-6", "b-6", 12_000), as("finance"))
                .expectNoEvents().expectResultMessagePayload(0L);
    }

    @Test
    void whenADeductionIsEndedThenTheReasonIsKeptAndEndingItTwiceIsRefused() {
        fixture.given(IDENTIFIED, ARRANGED)
                .when(new EndDeduction(CASE, "家属一次性退还"), as("inspector"))
                .expectEvents(new DeductionEnded(CASE, "家属一次性退还"));
        fixture.given(IDENTIFIED, ARRANGED, new DeductionEnded(CASE, "家属一次性退还"))
                .when(new EndDeduction(CASE, "again"), as("inspector"))
                .expectException(codeIs(ErrorCode.DEDUCTION_NOT_ARRANGED));
    }

    @Test
    void givenADeductionWhenItsPaymentIsReturnedByTheBankThenItIsReversedAndOnlyThen() {
        RepaymentRecorded deducted = deducted("d-6", "b-6", 6_000, 6_000, CaseStatus.PARTIAL);
        fixture.given(IDENTIFIED, ARRANGED, deducted)
                .when(new ReverseRepayment(CASE, "d-6", "退票", true), as("finance"))
                .expectEvents(new RepaymentReversed(CASE, "d-6", 6_000, "退票", 0, CaseStatus.OPEN));
        fixture.given(IDENTIFIED, ARRANGED, deducted)
                .when(new ReverseRepayment(CASE, "d-6", "录入错误", false), as("inspector"))
                .expectException(codeIs(ErrorCode.INVALID_CASE_STATE));
        fixture.given(IDENTIFIED, ARRANGED, deducted, new RepaymentReversed(CASE, "d-6", 6_000, "退票", 0,
                        CaseStatus.OPEN))
                .when(new ReverseRepayment(CASE, "d-6", "退票", true), as("finance"))
                .expectException(codeIs(ErrorCode.REPAYMENT_ALREADY_REVERSED));
    }

    @Test
    void givenARepaymentEnteredInErrorWhenReversedThenTheCaseIsOwedAgain() {
        fixture.given(IDENTIFIED, repaid("r-1", 24_000, 24_000, CaseStatus.RECOVERED))
                .when(new ReverseRepayment(CASE, "r-1", "金额录错", false), as("inspector"))
                .expectEvents(new RepaymentReversed(CASE, "r-1", 24_000, "金额录错", 0, CaseStatus.OPEN))
                .expectResultMessagePayload(CaseStatus.OPEN);
        fixture.given(IDENTIFIED)
                .when(new ReverseRepayment(CASE, "r-9", "?", false), as("inspector"))
                .expectException(codeIs(ErrorCode.UNKNOWN_REPAYMENT));
        fixture.given(IDENTIFIED, repaid("r-1", 24_000, 24_000, CaseStatus.RECOVERED))
                .when(new ReverseRepayment(CASE, "r-1", " ", false), as("inspector"))
                .expectException(codeIs(ErrorCode.MISSING_VALUE));
    }

    @Test
    void givenARecoveredCaseWhenAnAdjustmentHalvesItThenTheExcessIsOwedBackAndRefundedNoMore() {
        OverpaymentAdjusted halved = new OverpaymentAdjusted(CASE, List.of(), List.of(MAY), 12_000, 24_000,
                "停发期间更正", 0, CaseStatus.RECOVERED);
        fixture.given(IDENTIFIED, repaid("r-1", 24_000, 24_000, CaseStatus.RECOVERED))
                .when(new AdjustOverpayment(CASE, List.of(), List.of(MAY), "停发期间更正"), as("system"))
                .expectEvents(halved);
        fixture.given(IDENTIFIED, repaid("r-1", 24_000, 24_000, CaseStatus.RECOVERED), halved)
                .when(new RecordRefund(CASE, "f-1", 12_001, TODAY, "退还"), as("finance"))
                .expectException(codeIs(ErrorCode.OVER_REFUND));
        fixture.given(IDENTIFIED, repaid("r-1", 24_000, 24_000, CaseStatus.RECOVERED), halved)
                .when(new RecordRefund(CASE, "f-1", 12_000, TODAY, "退还凭证 7"), as("finance"))
                .expectEvents(new RefundRecorded(CASE, "f-1", 12_000, TODAY, "退还凭证 7", 12_000,
                        CaseStatus.RECOVERED));
        fixture.given(IDENTIFIED, repaid("r-1", 12_000, 12_000, CaseStatus.PARTIAL))
                .when(new RecordRefund(CASE, "f-1", 100, TODAY, null), as("finance"))
                .expectException(codeIs(ErrorCode.OVER_REFUND));
    }

    @Test
    void givenAWriteOffWhenTheAmountFallsBelowItThenTheWriteOffNoLongerNeededIsReleasedFirst() {
        // recovered 100.00 + written off 140.00 = 240.00; the case falls to 120.00: 120.00 of the write-off goes,
        // nothing is owed back. Falls to 80.00 instead: the whole write-off goes, 20.00 is owed back.
        Object writtenOff = new WriteOffApproved(CASE, "w-1", 14_000, null, 14_000, CaseStatus.WRITTEN_OFF);
        fixture.given(IDENTIFIED, repaid("r-1", 10_000, 10_000, CaseStatus.PARTIAL), proposed("w-1", 14_000),
                        writtenOff)
                .when(new AdjustOverpayment(CASE, List.of(), List.of(MAY), "更正"), as("system"))
                .expectEvents(new OverpaymentAdjusted(CASE, List.of(), List.of(MAY), 12_000, 24_000, "更正", 12_000,
                        CaseStatus.WRITTEN_OFF));
        OverpaidMonth smallApril = new OverpaidMonth(YearMonth.of(2023, 4), "b-4b", 8, 8_000, "e-4b");
        fixture.given(IDENTIFIED, repaid("r-1", 10_000, 10_000, CaseStatus.PARTIAL), proposed("w-1", 14_000),
                        writtenOff)
                .when(new AdjustOverpayment(CASE, List.of(smallApril), List.of(APRIL, MAY), "更正"), as("system"))
                .expectEvents(new OverpaymentAdjusted(CASE, List.of(smallApril), List.of(APRIL, MAY), 8_000, 24_000,
                        "更正", 14_000, CaseStatus.RECOVERED));
    }

    @Test
    void givenACancelledCaseWithRecoveriesThenEverythingRecoveredIsOwedBackAndNothingElseMoves() {
        OverpaymentCancelled cancelled = new OverpaymentCancelled(CASE, "事实撤回", true, 2_000);
        Object[] history = {IDENTIFIED, repaid("r-1", 5_000, 5_000, CaseStatus.PARTIAL), proposed("w-1", 2_000),
                new WriteOffApproved(CASE, "w-1", 2_000, null, 2_000, CaseStatus.PARTIAL)};
        fixture.given(history)
                .when(new CancelOverpayment(CASE, "事实撤回", true), as("system"))
                .expectEvents(cancelled);
        fixture.given(append(history, cancelled))
                .when(new RecordRefund(CASE, "f-1", 5_000, TODAY, "原路退回"), as("finance"))
                .expectEvents(new RefundRecorded(CASE, "f-1", 5_000, TODAY, "原路退回", 0, CaseStatus.CANCELLED));
        fixture.given(append(history, cancelled))
                .when(new RecordRepayment(CASE, "r-2", 100, TODAY, RepaymentMethod.OTHER, null), as("finance"))
                .expectException(codeIs(ErrorCode.INVALID_CASE_STATE));
        fixture.given(append(history, cancelled))
                .when(new RecordRefund(CASE, "f-1", 5_001, TODAY, null), as("finance"))
                .expectException(codeIs(ErrorCode.OVER_REFUND));
    }

    @Test
    void givenARefundMadeWhenTheSameRefundIsSentAgainThenNothingNewIsRecorded() {
        OverpaymentCancelled cancelled = new OverpaymentCancelled(CASE, "撤销", false, 0);
        RefundRecorded refunded = new RefundRecorded(CASE, "f-1", 5_000, TODAY, null, 0, CaseStatus.CANCELLED);
        fixture.given(IDENTIFIED, repaid("r-1", 5_000, 5_000, CaseStatus.PARTIAL), cancelled, refunded)
                .when(new RecordRefund(CASE, "f-1", 5_000, TODAY, null), as("finance"))
                .expectNoEvents()
                .expectResultMessagePayload(CaseStatus.CANCELLED);
        fixture.given(IDENTIFIED, repaid("r-1", 5_000, 5_000, CaseStatus.PARTIAL), cancelled, refunded)
                .when(new ReverseRepayment(CASE, "r-1", "到账被撤回", false), as("finance"))
                .expectException(codeIs(ErrorCode.INVALID_CASE_STATE));
    }

    private static Object[] append(Object[] events, Object event) {
        Object[] all = java.util.Arrays.copyOf(events, events.length + 1);
        all[events.length] = event;
        return all;
    }

    private static DeductFromPayment deduct(String id, String batch, long limit) {
        return new DeductFromPayment(CASE, id, batch, 3, TODAY, limit);
    }

    private static RepaymentRecorded deducted(String id, String batch, long amount, long recovered,
                                              CaseStatus status) {
        return new RepaymentRecorded(CASE, id, amount, TODAY, RepaymentMethod.DEDUCTION, "batch " + batch
                + " line 3", recovered, status, new PaymentLine(batch, 3));
    }

    private static RepaymentRecorded repaid(String id, long amount, long recovered, CaseStatus status) {
        return new RepaymentRecorded(CASE, id, amount, TODAY, RepaymentMethod.FAMILY_REFUND, null, recovered,
                status, null);
    }

    private static GenericEventMessage<?> proposed(String id, long amount) {
        return new GenericEventMessage<>(new WriteOffProposed(CASE, id, amount, "无法追回"),
                MetaData.with(AuditMetadata.ACTOR, "inspector"));
    }

    private static Map<String, ?> as(String actor) {
        return Map.of(AuditMetadata.ACTOR, actor, AuditMetadata.ROLE, "INSPECTOR");
    }
}
