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
import org.subsidyledger.contract.error.ErrorCode;
import org.subsidyledger.contract.fact.FactKind;
import org.subsidyledger.contract.overpayment.AppealDecided;
import org.subsidyledger.contract.overpayment.AppealDecision;
import org.subsidyledger.contract.overpayment.AppealFiled;
import org.subsidyledger.contract.overpayment.CaseStatus;
import org.subsidyledger.contract.overpayment.DeductionArranged;
import org.subsidyledger.contract.overpayment.DeliveryMethod;
import org.subsidyledger.contract.overpayment.InstalmentsAgreed;
import org.subsidyledger.contract.overpayment.NoticeOffice;
import org.subsidyledger.contract.overpayment.OverpaidMonth;
import org.subsidyledger.contract.overpayment.OverpaymentAdjusted;
import org.subsidyledger.contract.overpayment.OverpaymentCancelled;
import org.subsidyledger.contract.overpayment.OverpaymentIdentified;
import org.subsidyledger.contract.overpayment.PaymentLine;
import org.subsidyledger.contract.overpayment.RecoveryNoticeDelivered;
import org.subsidyledger.contract.overpayment.RecoveryNoticeGenerated;
import org.subsidyledger.contract.overpayment.RepaymentMethod;
import org.subsidyledger.contract.overpayment.RepaymentRecorded;
import org.subsidyledger.contract.overpayment.WriteOffProposed;
import org.subsidyledger.ledger.overpayment.OverpaymentCommands.AgreeInstalments;
import org.subsidyledger.ledger.overpayment.OverpaymentCommands.DecideAppeal;
import org.subsidyledger.ledger.overpayment.OverpaymentCommands.DeductFromPayment;
import org.subsidyledger.ledger.overpayment.OverpaymentCommands.FileAppeal;
import org.subsidyledger.ledger.overpayment.OverpaymentCommands.GenerateNotice;
import org.subsidyledger.ledger.overpayment.OverpaymentCommands.ProposeWriteOff;
import org.subsidyledger.ledger.overpayment.OverpaymentCommands.RecordNoticeDelivery;
import org.subsidyledger.ledger.overpayment.OverpaymentCommands.RecordRepayment;

/**
 * Rule 14, the recovery procedure, on the case aggregate: the notice and its delivery start the clock of deductions
 * (30 days unless the recipient agreed) and of appeals; an open appeal holds deductions and write-offs until decided;
 * an upheld appeal adjusts or cancels the case; a waiver is a write-off with reason code WAIVER.
 */
class RecoveryProcedureTest {

    private static final String CASE = "c-1";
    private static final String ID = "11010519491231002X";
    private static final OverpaidMonth APRIL = new OverpaidMonth(YearMonth.of(2023, 4), "b-4", 7, 12_000, "e-4");
    private static final OverpaidMonth MAY = new OverpaidMonth(YearMonth.of(2023, 5), "b-5", 7, 12_000, "e-5");
    private static final OverpaymentIdentified IDENTIFIED = new OverpaymentIdentified(CASE, ID, "P1", "f-1",
            FactKind.DEATH, "DEATH_NEXT_MONTH", "2023-03-10 死亡，次月停发", List.of(APRIL, MAY), 24_000,
            LocalDate.of(2023, 6, 1));
    private static final NoticeOffice OFFICE = new NoticeOffice("天山区民政局", null, null, null, null);
    private static final LocalDate GENERATED = LocalDate.of(2023, 6, 5);
    private static final RecoveryNoticeGenerated NOTICE = new RecoveryNoticeGenerated(CASE, "n-1", GENERATED,
            List.of(APRIL, MAY), 24_000, 24_000, FactKind.DEATH, "2023-03-10 死亡，次月停发", 60, 30, OFFICE);
    private static final LocalDate DELIVERED = LocalDate.of(2023, 6, 10);
    private static final RecoveryNoticeDelivered DELIVERY = new RecoveryNoticeDelivered(CASE, "n-1", DELIVERED,
            DeliveryMethod.IN_PERSON, LocalDate.of(2023, 7, 10), LocalDate.of(2023, 8, 9));
    private static final DeductionArranged ARRANGED = new DeductionArranged(CASE, ID, "P1", "0.5", 12_000, 6_000);

    private FixtureConfiguration<Overpayment> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Overpayment.class);
    }

    @Test
    void givenACase_whenANoticeIsGenerated_thenItListsTheMonthsAmountsAndTheRule() {
        fixture.given(IDENTIFIED)
                .when(new GenerateNotice(CASE, "n-1", GENERATED, 60, 30, OFFICE), as("inspector"))
                .expectEvents(NOTICE);
    }

    @Test
    void givenANotice_whenItIsDelivered_thenDeductionsMayStartThirtyDaysLaterAndAppealsEndSixtyDaysLater() {
        fixture.given(IDENTIFIED, NOTICE)
                .when(new RecordNoticeDelivery(CASE, "n-1", DELIVERED, DeliveryMethod.IN_PERSON), as("inspector"))
                .expectEvents(DELIVERY);
        fixture.given(IDENTIFIED, NOTICE, DELIVERY)
                .when(new RecordNoticeDelivery(CASE, "n-1", DELIVERED, DeliveryMethod.POST), as("inspector"))
                .expectException(codeIs(ErrorCode.NOTICE_ALREADY_DELIVERED));
        fixture.given(IDENTIFIED)
                .when(new RecordNoticeDelivery(CASE, "n-9", DELIVERED, DeliveryMethod.POST), as("inspector"))
                .expectException(codeIs(ErrorCode.NOTICE_NOT_FOUND));
        fixture.given(IDENTIFIED, NOTICE)
                .when(new RecordNoticeDelivery(CASE, "n-1", GENERATED.minusDays(1), DeliveryMethod.POST),
                        as("inspector"))
                .expectException(codeIs(ErrorCode.INVALID_DATE));
    }

    @Test
    void givenAnArrangedDeduction_whenAPaymentIsDisbursedBeforeDeliveryPlusThirtyDays_thenNothingIsDeducted() {
        fixture.given(IDENTIFIED, NOTICE, DELIVERY, ARRANGED)
                .when(deduct("r-1", LocalDate.of(2023, 7, 9)), as("finance"))
                .expectNoEvents().expectResultMessagePayload(0L);
        fixture.given(IDENTIFIED, ARRANGED)
                .when(deduct("r-1", LocalDate.of(2023, 12, 20)), as("finance"))
                .expectNoEvents().expectResultMessagePayload(0L);
        fixture.given(IDENTIFIED, NOTICE, DELIVERY, ARRANGED)
                .when(new RecordRepayment(CASE, "r-2", 6_000, LocalDate.of(2023, 7, 9), RepaymentMethod.DEDUCTION,
                        "扣款单 1"), as("finance"))
                .expectException(codeIs(ErrorCode.DEDUCTION_TOO_EARLY));
    }

    @Test
    void givenAnArrangedDeduction_whenAPaymentIsDisbursedOnDeliveryPlusThirtyDays_thenItIsDeducted() {
        fixture.given(IDENTIFIED, NOTICE, DELIVERY, ARRANGED)
                .when(deduct("r-1", LocalDate.of(2023, 7, 10)), as("finance"))
                .expectEvents(deducted("r-1", LocalDate.of(2023, 7, 10)))
                .expectResultMessagePayload(6_000L);
    }

    @Test
    void givenTheRecipientAgreed_whenAPaymentIsDisbursedBeforeAnyNotice_thenItIsDeducted() {
        fixture.given(IDENTIFIED, new DeductionArranged(CASE, ID, "P1", "0.5", 12_000, 6_000, true))
                .when(deduct("r-1", LocalDate.of(2023, 6, 20)), as("finance"))
                .expectEvents(deducted("r-1", LocalDate.of(2023, 6, 20)));
    }

    @Test
    void givenAnOpenAppeal_thenDeductionsAndWriteOffsWait_andARejectionLetsThemResume() {
        AppealFiled filed = new AppealFiled(CASE, "a-1", LocalDate.of(2023, 7, 1), "本人未领取", true);
        Object[] appealed = {IDENTIFIED, NOTICE, DELIVERY, ARRANGED, filed(filed, "inspector")};
        fixture.given(appealed)
                .when(deduct("r-1", LocalDate.of(2023, 7, 20)), as("finance"))
                .expectNoEvents().expectResultMessagePayload(0L);
        fixture.given(appealed)
                .when(new ProposeWriteOff(CASE, "w-1", 1_000, "无法追回", null), as("inspector"))
                .expectException(codeIs(ErrorCode.APPEAL_OPEN));
        fixture.given(appealed)
                .when(new FileAppeal(CASE, "a-2", LocalDate.of(2023, 7, 2), "再次申诉"), as("inspector"))
                .expectException(codeIs(ErrorCode.APPEAL_OPEN));
        fixture.given(appealed)
                .when(decide("a-1", AppealDecision.REJECTED, List.of()), as("inspector"))
                .expectException(codeIs(ErrorCode.SEGREGATION_OF_DUTIES));
        AppealDecided rejected = new AppealDecided(CASE, "a-1", AppealDecision.REJECTED, "证据不足",
                LocalDate.of(2023, 7, 15), List.of());
        fixture.given(appealed)
                .when(decide("a-1", AppealDecision.REJECTED, List.of()), as("inspector2"))
                .expectEvents(rejected);
        Object[] resumed = {IDENTIFIED, NOTICE, DELIVERY, ARRANGED, filed(filed, "inspector"), rejected};
        fixture.given(resumed)
                .when(deduct("r-1", LocalDate.of(2023, 7, 20)), as("finance"))
                .expectEvents(deducted("r-1", LocalDate.of(2023, 7, 20)));
    }

    @Test
    void givenAnAppealFiledAfterTheDeadline_thenItIsRecordedAsLate() {
        fixture.given(IDENTIFIED, NOTICE, DELIVERY)
                .when(new FileAppeal(CASE, "a-1", LocalDate.of(2023, 8, 10), "迟到的申诉"), as("inspector"))
                .expectEvents(new AppealFiled(CASE, "a-1", LocalDate.of(2023, 8, 10), "迟到的申诉", false));
    }

    @Test
    void givenAnOpenAppeal_whenItIsUpheldForOneMonth_thenThatMonthLeavesTheCase() {
        AppealFiled filed = new AppealFiled(CASE, "a-1", LocalDate.of(2023, 7, 1), "五月仍在世", true);
        fixture.given(IDENTIFIED, filed(filed, "inspector"))
                .when(decide("a-1", AppealDecision.UPHELD, List.of(YearMonth.of(2023, 5))), as("inspector2"))
                .expectEvents(new AppealDecided(CASE, "a-1", AppealDecision.UPHELD, "证据不足",
                                LocalDate.of(2023, 7, 15), List.of(YearMonth.of(2023, 5))),
                        new OverpaymentAdjusted(CASE, List.of(), List.of(MAY), 12_000, 24_000,
                                "申诉成立（appeal a-1 upheld）：证据不足", 0, CaseStatus.OPEN));
        fixture.given(IDENTIFIED, filed(filed, "inspector"))
                .when(decide("a-1", AppealDecision.UPHELD, List.of()), as("inspector2"))
                .expectEvents(new AppealDecided(CASE, "a-1", AppealDecision.UPHELD, "证据不足",
                                LocalDate.of(2023, 7, 15), List.of()),
                        new OverpaymentCancelled(CASE, "申诉成立（appeal a-1 upheld）：证据不足", false, 0));
    }

    @Test
    void givenACase_whenAWaiverIsProposed_thenItIsAWriteOffWithReasonCodeWaiver() {
        fixture.given(IDENTIFIED)
                .when(new ProposeWriteOff(CASE, "w-1", 24_000, "家庭困难，申请减免", "waiver"), as("inspector"))
                .expectEvents(new WriteOffProposed(CASE, "w-1", 24_000, "家庭困难，申请减免", "WAIVER"));
        fixture.given(IDENTIFIED)
                .when(new ProposeWriteOff(CASE, "w-1", 24_000, "x", "FORGIVEN"), as("inspector"))
                .expectException(codeIs(ErrorCode.INVALID_DECISION));
    }

    @Test
    void givenACase_whenInstalmentsAreAgreed_thenThePlanCoversWhatIsOutstanding() {
        LocalDate agreed = LocalDate.of(2023, 7, 1);
        fixture.given(IDENTIFIED)
                .when(new AgreeInstalments(CASE, "i-1", 5_000, YearMonth.of(2023, 7), agreed), as("inspector"))
                .expectEvents(new InstalmentsAgreed(CASE, "i-1", 5_000, YearMonth.of(2023, 7), 24_000, 0, agreed));
        fixture.given(IDENTIFIED)
                .when(new AgreeInstalments(CASE, "i-1", 0, YearMonth.of(2023, 7), agreed), as("inspector"))
                .expectException(codeIs(ErrorCode.INVALID_AMOUNT));
    }

    private static DeductFromPayment deduct(String id, LocalDate disbursedOn) {
        return new DeductFromPayment(CASE, id, "b-9", 3, disbursedOn, 12_000);
    }

    private static RepaymentRecorded deducted(String id, LocalDate on) {
        return new RepaymentRecorded(CASE, id, 6_000, on, RepaymentMethod.DEDUCTION, "batch b-9 line 3", 6_000,
                CaseStatus.PARTIAL, new PaymentLine("b-9", 3));
    }

    private static DecideAppeal decide(String appealId, AppealDecision decision, List<YearMonth> months) {
        return new DecideAppeal(CASE, appealId, decision, "证据不足", LocalDate.of(2023, 7, 15), months);
    }

    private static GenericEventMessage<?> filed(AppealFiled event, String actor) {
        return new GenericEventMessage<>(event, MetaData.with(AuditMetadata.ACTOR, actor));
    }

    private static Map<String, ?> as(String actor) {
        return Map.of(AuditMetadata.ACTOR, actor, AuditMetadata.ROLE, "INSPECTOR");
    }
}
