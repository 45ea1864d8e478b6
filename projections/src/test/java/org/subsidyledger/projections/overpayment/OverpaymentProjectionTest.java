package org.subsidyledger.projections.overpayment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.subsidyledger.contract.fact.FactKind;
import org.subsidyledger.contract.overpayment.AppealDecided;
import org.subsidyledger.contract.overpayment.AppealDecision;
import org.subsidyledger.contract.overpayment.AppealFiled;
import org.subsidyledger.contract.overpayment.CaseStatus;
import org.subsidyledger.contract.overpayment.DeliveryMethod;
import org.subsidyledger.contract.overpayment.InstalmentsAgreed;
import org.subsidyledger.contract.overpayment.NoticeOffice;
import org.subsidyledger.contract.overpayment.RecoveryNoticeDelivered;
import org.subsidyledger.contract.overpayment.RecoveryNoticeGenerated;
import org.subsidyledger.contract.overpayment.DeductionArranged;
import org.subsidyledger.contract.overpayment.DeductionEnded;
import org.subsidyledger.contract.overpayment.OverpaidMonth;
import org.subsidyledger.contract.overpayment.PaymentLine;
import org.subsidyledger.contract.overpayment.RefundRecorded;
import org.subsidyledger.contract.overpayment.RepaymentMethod;
import org.subsidyledger.contract.overpayment.RepaymentRecorded;
import org.subsidyledger.contract.overpayment.RepaymentReversed;
import org.subsidyledger.contract.overpayment.WriteOffApproved;
import org.subsidyledger.contract.overpayment.OverpaymentAdjusted;
import org.subsidyledger.contract.overpayment.OverpaymentCancelled;
import org.subsidyledger.contract.overpayment.OverpaymentIdentified;
import org.subsidyledger.projections.support.ProjectionDatabase;

class OverpaymentProjectionTest {

    private static final Instant AT = Instant.parse("2023-05-05T08:00:00Z");
    private static final String CASE = "c-1";
    private static final OverpaidMonth MARCH = new OverpaidMonth(YearMonth.of(2023, 3), "b-3", 4, 12_000, "e-3");
    private static final OverpaidMonth APRIL = new OverpaidMonth(YearMonth.of(2023, 4), "b-4", 4, 12_000, "e-4");
    private static final OverpaidMonth FEBRUARY = new OverpaidMonth(YearMonth.of(2023, 2), "b-2", 4, 10_000, "e-2");
    private static final OverpaymentIdentified IDENTIFIED = new OverpaymentIdentified(CASE, "11010519491231002X",
            "P1", "f-1", FactKind.DEATH, "DEATH_NEXT_MONTH", "死亡次月停发", List.of(MARCH, APRIL), 24_000,
            LocalDate.of(2023, 5, 5));

    private final JdbcTemplate jdbc = ProjectionDatabase.jdbc();
    private final OverpaymentProjection projection = new OverpaymentProjection(jdbc);

    @BeforeEach
    void clean() {
        projection.reset();
    }

    @Test
    void anIdentifiedCaseIsOpenWithItsMonthsAndHistory() {
        identified(0);

        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM overpayment_view WHERE case_id = ?", CASE);
        assertThat(row).containsEntry("status", "OPEN").containsEntry("amount_fen", 24_000L)
                .containsEntry("month_count", 2).containsEntry("cause", "DEATH").containsEntry("identified_by", "clerk");
        assertThat(row.get("first_month").toString()).isEqualTo("2023-03-01");
        assertThat(jdbc.queryForList("SELECT payment_event_id FROM overpayment_month_view ORDER BY period",
                String.class)).containsExactly("e-3", "e-4");
    }

    @Test
    void anAdjustmentReplacesTheMonthsAndAmountAndARedeliveryChangesNothing() {
        identified(0);
        OverpaymentAdjusted adjusted = new OverpaymentAdjusted(CASE, List.of(FEBRUARY), List.of(APRIL), 22_000,
                24_000, "死亡日期更正", 0, CaseStatus.OPEN);
        adjusted(adjusted, 1);
        adjusted(adjusted, 1);

        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM overpayment_view WHERE case_id = ?", CASE);
        assertThat(row).containsEntry("amount_fen", 22_000L).containsEntry("month_count", 2)
                .containsEntry("last_sequence", 1L);
        assertThat(row.get("first_month").toString()).isEqualTo("2023-02-01");
        assertThat(row.get("last_month").toString()).isEqualTo("2023-03-01");
        assertThat(jdbc.queryForList("SELECT batch_id FROM overpayment_month_view ORDER BY period", String.class))
                .containsExactly("b-2", "b-3");
        assertThat(jdbc.queryForList("SELECT change FROM overpayment_change_view ORDER BY sequence", String.class))
                .containsExactly("IDENTIFIED", "ADJUSTED");
    }

    @Test
    void aCaseIdentifiedAdjustedAndCancelledInOneProcessorBatchEndsCancelled() {
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
        identified(0);
        adjusted(new OverpaymentAdjusted(CASE, List.of(), List.of(APRIL), 12_000, 24_000, "x", 0, CaseStatus.OPEN), 1);
        OverpaymentCancelled cancelled = new OverpaymentCancelled(CASE, "事实撤回", true, 0);
        projection.on(cancelled, GenericEventMessage.asEventMessage(cancelled), 2, AT, "inspector", "INSPECTOR");
        batch.commit();

        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM overpayment_view WHERE case_id = ?", CASE);
        assertThat(row).containsEntry("status", "CANCELLED").containsEntry("amount_fen", 12_000L)
                .containsEntry("month_count", 1);
        assertThat(jdbc.queryForList("SELECT change FROM overpayment_change_view ORDER BY sequence", String.class))
                .containsExactly("IDENTIFIED", "ADJUSTED", "CANCELLED");
    }

    @Test
    void aCaseReducedBelowWhatWasRecoveredOwesTheExcessBackUntilRefundedAndARedeliveryChangesNothing() {
        identified(0);
        RepaymentRecorded repaid = new RepaymentRecorded(CASE, "r-1", 20_000, LocalDate.of(2023, 6, 1),
                RepaymentMethod.DEDUCTION, "batch b-6 line 4", 20_000, CaseStatus.PARTIAL, new PaymentLine("b-6", 4));
        projection.on(repaid, GenericEventMessage.asEventMessage(repaid), 1, AT, "finance", "FINANCE");
        assertThat(amounts()).containsExactly("PARTIAL", 24_000L, 20_000L, 0L, 4_000L, 0L);

        adjusted(new OverpaymentAdjusted(CASE, List.of(), List.of(APRIL), 12_000, 24_000, "更正", 0,
                CaseStatus.RECOVERED), 2);
        assertThat(amounts()).as("owes 80.00 back").containsExactly("RECOVERED", 12_000L, 20_000L, 0L, 0L, 8_000L);

        RefundRecorded refunded = new RefundRecorded(CASE, "f-1", 8_000, LocalDate.of(2023, 7, 1), "退款 1", 12_000,
                CaseStatus.RECOVERED);
        projection.on(refunded, GenericEventMessage.asEventMessage(refunded), 3, AT, "finance", "FINANCE");
        projection.on(refunded, GenericEventMessage.asEventMessage(refunded), 3, AT, "finance", "FINANCE");
        assertThat(amounts()).containsExactly("RECOVERED", 12_000L, 12_000L, 0L, 0L, 0L);

        assertThat(jdbc.queryForList("SELECT change FROM overpayment_change_view ORDER BY sequence", String.class))
                .containsExactly("IDENTIFIED", "REPAID", "ADJUSTED", "REFUNDED");
    }

    @Test
    void aCancelledCaseOwesNothingAndEverythingRecoveredBackWithItsWriteOffReleased() {
        identified(0);
        RepaymentRecorded repaid = new RepaymentRecorded(CASE, "r-1", 5_000, LocalDate.of(2023, 6, 1),
                RepaymentMethod.FAMILY_REFUND, null, 5_000, CaseStatus.PARTIAL, null);
        projection.on(repaid, GenericEventMessage.asEventMessage(repaid), 1, AT, "inspector", "INSPECTOR");
        WriteOffApproved writtenOff = new WriteOffApproved(CASE, "w-1", 3_000, null, 3_000, CaseStatus.PARTIAL);
        projection.on(writtenOff, GenericEventMessage.asEventMessage(writtenOff), 2, AT, "admin", "ADMIN");
        DeductionArranged arranged = new DeductionArranged(CASE, "11010519491231002X", "P1", "0.5", 12_000, 6_000);
        projection.on(arranged, GenericEventMessage.asEventMessage(arranged), 3, AT, "inspector", "INSPECTOR");
        assertThat(jdbc.queryForObject("SELECT deduction_cap_fen FROM overpayment_view", Long.class)).isEqualTo(6_000L);

        OverpaymentCancelled cancelled = new OverpaymentCancelled(CASE, "事实撤回", true, 3_000);
        projection.on(cancelled, GenericEventMessage.asEventMessage(cancelled), 4, AT, "system", "INSPECTOR");
        assertThat(amounts()).containsExactly("CANCELLED", 24_000L, 5_000L, 0L, 0L, 5_000L);
        assertThat(jdbc.queryForObject("SELECT deduction_cap_fen FROM overpayment_view", Long.class)).isNull();
    }

    @Test
    void aReversedRepaymentAndAnEndedDeductionAreInTheHistory() {
        identified(0);
        RepaymentRecorded repaid = new RepaymentRecorded(CASE, "r-1", 5_000, LocalDate.of(2023, 6, 1),
                RepaymentMethod.FAMILY_REFUND, null, 5_000, CaseStatus.PARTIAL, null);
        projection.on(repaid, GenericEventMessage.asEventMessage(repaid), 1, AT, "inspector", "INSPECTOR");
        RepaymentReversed reversed = new RepaymentReversed(CASE, "r-1", 5_000, "到账被撤回", 0, CaseStatus.OPEN);
        projection.on(reversed, GenericEventMessage.asEventMessage(reversed), 2, AT, "finance", "FINANCE");
        DeductionArranged arranged = new DeductionArranged(CASE, "11010519491231002X", "P1", "0.5", 12_000, 6_000);
        projection.on(arranged, GenericEventMessage.asEventMessage(arranged), 3, AT, "inspector", "INSPECTOR");
        DeductionEnded ended = new DeductionEnded(CASE, "家属一次性退还");
        projection.on(ended, GenericEventMessage.asEventMessage(ended), 4, AT, "inspector", "INSPECTOR");

        assertThat(amounts()).containsExactly("OPEN", 24_000L, 0L, 0L, 24_000L, 0L);
        assertThat(jdbc.queryForList("SELECT change || ' ' || amount_fen FROM overpayment_change_view ORDER BY sequence",
                String.class)).containsExactly("IDENTIFIED 24000", "REPAID 5000", "REPAYMENT_REVERSED 5000",
                "DEDUCTION_ARRANGED 6000", "DEDUCTION_ENDED 0");
    }

    @Test
    void inOneProcessorBatchEveryChangeKeepsTheCaseAmountsRightAfterIt() {
        identified(0);
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
        RepaymentRecorded repaid = new RepaymentRecorded(CASE, "r-1", 5_000, LocalDate.of(2023, 6, 1),
                RepaymentMethod.FAMILY_REFUND, null, 5_000, CaseStatus.PARTIAL, null);
        projection.on(repaid, GenericEventMessage.asEventMessage(repaid), 1, AT, "inspector", "INSPECTOR");
        OverpaymentIdentified other = new OverpaymentIdentified("c-2", "11010519491231002X", "P1", "f-2",
                FactKind.SUSPENSION, "SUSPENSION_MONTHS", "停发", List.of(FEBRUARY), 10_000, LocalDate.of(2023, 6, 2));
        projection.on(other, GenericEventMessage.asEventMessage(other), 0, AT, "clerk", "CLERK");
        RepaymentRecorded again = new RepaymentRecorded(CASE, "r-2", 1_000, LocalDate.of(2023, 6, 3),
                RepaymentMethod.FAMILY_REFUND, null, 6_000, CaseStatus.PARTIAL, null);
        projection.on(again, GenericEventMessage.asEventMessage(again), 2, AT, "inspector", "INSPECTOR");
        batch.commit();

        assertThat(jdbc.queryForList("""
                        SELECT case_id || ' ' || sequence || ' ' || change || ' ' || amount_after || ' '
                               || recovered_after || ' ' || status_after
                        FROM overpayment_change_view ORDER BY case_id, sequence""", String.class))
                .containsExactly("c-1 0 IDENTIFIED 24000 0 OPEN", "c-1 1 REPAID 24000 5000 PARTIAL",
                        "c-1 2 REPAID 24000 6000 PARTIAL", "c-2 0 IDENTIFIED 10000 0 OPEN");
    }

    @Test
    void theProcedureIsKeptOnTheRow_theFirstDeliveryFixesTheClocks_andARedeliveryChangesNothing() {
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
        identified(0);   // queued in the processor batch: the delivery below still finds the case without one
        RecoveryNoticeGenerated notice = new RecoveryNoticeGenerated(CASE, "n-1", LocalDate.of(2023, 5, 6),
                List.of(MARCH, APRIL), 24_000, 24_000, FactKind.DEATH, "死亡次月停发", 60, 30,
                new NoticeOffice(null, null, null, null, null));
        projection.on(notice, GenericEventMessage.asEventMessage(notice), 1, AT, "inspector", "INSPECTOR");
        RecoveryNoticeDelivered delivered = new RecoveryNoticeDelivered(CASE, "n-1", LocalDate.of(2023, 5, 8),
                DeliveryMethod.POST, LocalDate.of(2023, 6, 7), LocalDate.of(2023, 7, 7));
        projection.on(delivered, GenericEventMessage.asEventMessage(delivered), 2, AT, "inspector", "INSPECTOR");
        batch.commit();
        RecoveryNoticeDelivered later = new RecoveryNoticeDelivered(CASE, "n-2", LocalDate.of(2023, 8, 1),
                DeliveryMethod.IN_PERSON, LocalDate.of(2023, 8, 31), LocalDate.of(2023, 9, 30));
        projection.on(later, GenericEventMessage.asEventMessage(later), 3, AT, "inspector", "INSPECTOR");
        projection.on(later, GenericEventMessage.asEventMessage(later), 3, AT, "inspector", "INSPECTOR");
        InstalmentsAgreed plan = new InstalmentsAgreed(CASE, "a-1", 5_000, YearMonth.of(2023, 9), 24_000, 0,
                LocalDate.of(2023, 8, 2));
        projection.on(plan, GenericEventMessage.asEventMessage(plan), 4, AT, "inspector", "INSPECTOR");
        AppealFiled appeal = new AppealFiled(CASE, "p-1", LocalDate.of(2023, 8, 3), "不服", true);
        projection.on(appeal, GenericEventMessage.asEventMessage(appeal), 5, AT, "inspector", "INSPECTOR");

        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM overpayment_view WHERE case_id = ?", CASE);
        assertThat(row).containsEntry("notice_count", 1).containsEntry("delivery_method", "POST")
                .containsEntry("open_appeal_id", "p-1").containsEntry("instalment_fen", 5_000L)
                .containsEntry("instalments_total_fen", 24_000L).containsEntry("last_sequence", 5L);
        assertThat(row.get("notice_delivered_on").toString()).isEqualTo("2023-05-08");
        assertThat(row.get("deductions_from").toString()).isEqualTo("2023-06-07");
        assertThat(row.get("appeal_deadline").toString()).isEqualTo("2023-07-07");
        assertThat(row.get("instalments_from").toString()).isEqualTo("2023-09-01");

        AppealDecided decided = new AppealDecided(CASE, "p-1", AppealDecision.REJECTED, "证据不足",
                LocalDate.of(2023, 8, 9), List.of());
        projection.on(decided, GenericEventMessage.asEventMessage(decided), 6, AT, "admin", "ADMIN");
        assertThat(jdbc.queryForMap("SELECT open_appeal_id, appeal_filed_on FROM overpayment_view").values())
                .containsOnlyNulls();
        assertThat(jdbc.queryForList("SELECT change || ' ' || recorded_by FROM overpayment_change_view ORDER BY "
                + "sequence", String.class)).containsExactly("IDENTIFIED clerk", "NOTICE_GENERATED inspector",
                "NOTICE_DELIVERED inspector", "NOTICE_DELIVERED inspector", "INSTALMENTS_AGREED inspector",
                "APPEAL_FILED inspector", "APPEAL_DECIDED admin");
    }

    /** status, amount, recovered, written off, outstanding, refund due. */
    private List<Object> amounts() {
        return jdbc.queryForList("""
                SELECT status, amount_fen, recovered_fen, written_off_fen, outstanding_fen, refund_due_fen
                FROM overpayment_view WHERE case_id = ?""", CASE).stream()
                .flatMap(row -> row.values().stream()).toList();
    }

    private void identified(long sequence) {
        projection.on(IDENTIFIED, GenericEventMessage.asEventMessage(IDENTIFIED), sequence, AT, "clerk", "CLERK");
    }

    private void adjusted(OverpaymentAdjusted event, long sequence) {
        projection.on(event, GenericEventMessage.asEventMessage(event), sequence, AT, "clerk", "CLERK");
    }
}
