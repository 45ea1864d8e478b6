package org.subsidyledger.projections.indicator;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import org.subsidyledger.projections.support.Amounts;

/**
 * One row behind a side of a figure (drill-down), of the kind its source lists: amounts in 元, dates and times in
 * ISO-8601, and the ids of the events that recorded it. Field names are snake_case, as the drill-down has always
 * answered.
 */
@Schema(anyOf = {BasisRow.FundsRow.class, BasisRow.PaymentRow.class, BasisRow.BatchRow.class, BasisRow.MonthRow.class,
        BasisRow.RecipientRow.class, BasisRow.DueMonthsRow.class, BasisRow.OverpaymentCaseRow.class,
        BasisRow.CaseRecipientRow.class, BasisRow.ArrearMonthRow.class, BasisRow.WithheldRow.class,
        BasisRow.CertificationRow.class})
public sealed interface BasisRow {

    /** The row as the caller may see it: ID numbers and names masked for the roles that see no personal data. */
    default BasisRow seenBy(org.subsidyledger.projections.port.AccessScope caller) {
        return this;
    }

    /** {@code kind: funds}: a funds tranche. */
    record FundsRow(@JsonProperty("tranche_id") String trancheId, String amount,
                 @JsonProperty("received_on") String receivedOn, String reference,
                 @JsonProperty("recorded_at") String recordedAt, @JsonProperty("recorded_by") String recordedBy,
                 @JsonProperty("event_id") String eventId) implements BasisRow {

        static FundsRow of(ResultSet rs) throws SQLException {
            return new FundsRow(rs.getString("tranche_id"), yuan(rs, "amount_fen"), date(rs, "received_on"),
                    rs.getString("reference"), time(rs, "recorded_at"), rs.getString("recorded_by"),
                    rs.getString("event_id"));
        }
    }

    /** {@code kind: payments}: a line of a disbursed batch. */
    record PaymentRow(@JsonProperty("batch_id") String batchId, int line,
                   @JsonProperty("recipient_id") String recipientId, String period, String amount, String standard,
                   @JsonProperty("disbursed_on") String disbursedOn, @JsonProperty("returned_at") String returnedAt,
                   @JsonProperty("payment_event_id") String paymentEventId,
                   @JsonProperty("line_event_id") String lineEventId) implements BasisRow {

        @Override
        public BasisRow seenBy(org.subsidyledger.projections.port.AccessScope caller) {
            return new PaymentRow(batchId, line, caller.id(recipientId), period, amount, standard, disbursedOn,
                    returnedAt, paymentEventId, lineEventId);
        }

        static PaymentRow of(ResultSet rs) throws SQLException {
            return new PaymentRow(rs.getString("batch_id"), rs.getInt("line"), rs.getString("recipient_id"),
                    rs.getString("period"), yuan(rs, "amount_fen"), yuan(rs, "standard_fen"),
                    date(rs, "disbursed_on"), time(rs, "returned_at"), rs.getString("payment_event_id"),
                    rs.getString("line_event_id"));
        }
    }

    /** {@code kind: batches}: a disbursed batch, on time or not. */
    record BatchRow(@JsonProperty("batch_id") String batchId, String period,
                 @JsonProperty("disbursed_on") String disbursedOn, @JsonProperty("on_time") boolean onTime,
                 @JsonProperty("line_count") int lineCount,
                 @JsonProperty("disbursed_event_id") String disbursedEventId) implements BasisRow {

        static BatchRow of(ResultSet rs) throws SQLException {
            return new BatchRow(rs.getString("batch_id"), rs.getString("period"), date(rs, "disbursed_on"),
                    rs.getBoolean("on_time"), rs.getInt("line_count"), rs.getString("disbursed_event_id"));
        }
    }

    /** {@code kind: months}: a month with disbursed batches. */
    record MonthRow(String period, long batches) implements BasisRow {

        static MonthRow of(ResultSet rs) throws SQLException {
            return new MonthRow(rs.getString("period"), rs.getLong("batches"));
        }
    }

    /** {@code kind: recipients}: a recipient paid, with their payments and amount. */
    record RecipientRow(@JsonProperty("recipient_id") String recipientId, long payments, String amount)
            implements BasisRow {

        @Override
        public BasisRow seenBy(org.subsidyledger.projections.port.AccessScope caller) {
            return new RecipientRow(caller.id(recipientId), payments, amount);
        }

        static RecipientRow of(ResultSet rs) throws SQLException {
            return new RecipientRow(rs.getString("recipient_id"), rs.getLong("payments"), yuan(rs, "amount_fen"));
        }
    }

    /** {@code kind: dueMonths}: a recipient's due person-months of the year, those paid and those not due. */
    record DueMonthsRow(@JsonProperty("recipient_id") String recipientId, String name,
                     @JsonProperty("enrolled_from") String enrolledFrom, @JsonProperty("due_months") long dueMonths,
                     String due, @JsonProperty("paid_due_months") long paidDueMonths,
                     @JsonProperty("not_due_months") List<String> notDueMonths,
                     @JsonProperty("enrolment_event_id") String enrolmentEventId) implements BasisRow {

        @Override
        public BasisRow seenBy(org.subsidyledger.projections.port.AccessScope caller) {
            return new DueMonthsRow(caller.id(recipientId), caller.name(name), enrolledFrom, dueMonths, due,
                    paidDueMonths, notDueMonths, enrolmentEventId);
        }
    }

    /**
     * {@code kind: arrears}: a recipient's month owed (rule 9) as it stood at the moment: the arrears recorded for it,
     * what paid 补发 lines settled, what is open, and the latest arrear's event.
     */
    record ArrearMonthRow(@JsonProperty("recipient_id") String recipientId, String month, String owed, String settled,
                          String open, @JsonProperty("event_id") String eventId) implements BasisRow {

        static ArrearMonthRow of(ResultSet rs) throws SQLException {
            return new ArrearMonthRow(rs.getString("recipient_id"), rs.getString("month"), yuan(rs, "owed_fen"),
                    yuan(rs, "settled_fen"), yuan(rs, "open_fen"), rs.getString("event_id"));
        }

        @Override
        public BasisRow seenBy(org.subsidyledger.projections.port.AccessScope caller) {
            return new ArrearMonthRow(caller.id(recipientId), month, owed, settled, open, eventId);
        }
    }

    /** {@code kind: withheldMonths}: a recipient's months withheld (rule 10) and unpaid as of the moment. */
    record WithheldRow(@JsonProperty("recipient_id") String recipientId, List<String> months, String due)
            implements BasisRow {

        @Override
        public BasisRow seenBy(org.subsidyledger.projections.port.AccessScope caller) {
            return new WithheldRow(caller.id(recipientId), months, due);
        }
    }

    /** {@code kind: cases}: an overpayment case as it stood at the moment. */
    record OverpaymentCaseRow(@JsonProperty("case_id") String caseId,
                              @JsonProperty("recipient_id") String recipientId,
                           String cause, String amount, String recovered, String status,
                           @JsonProperty("identified_event_id") String identifiedEventId,
                           @JsonProperty("latest_event_id") String latestEventId) implements BasisRow {

        @Override
        public BasisRow seenBy(org.subsidyledger.projections.port.AccessScope caller) {
            return new OverpaymentCaseRow(caseId, caller.id(recipientId), cause, amount, recovered, status,
                    identifiedEventId, latestEventId);
        }

        static OverpaymentCaseRow of(ResultSet rs) throws SQLException {
            return new OverpaymentCaseRow(rs.getString("case_id"), rs.getString("recipient_id"), rs.getString("cause"),
                    yuan(rs, "amount_fen"), yuan(rs, "recovered_fen"), rs.getString("status"),
                    rs.getString("identified_event_id"), rs.getString("latest_event_id"));
        }
    }

    /** {@code kind: caseRecipients}: a recipient with cases, settled when all are recovered. */
    record CaseRecipientRow(@JsonProperty("recipient_id") String recipientId, long cases, String overpaid,
                         String recovered, boolean settled) implements BasisRow {

        @Override
        public BasisRow seenBy(org.subsidyledger.projections.port.AccessScope caller) {
            return new CaseRecipientRow(caller.id(recipientId), cases, overpaid, recovered, settled);
        }

        static CaseRecipientRow of(ResultSet rs) throws SQLException {
            return new CaseRecipientRow(rs.getString("recipient_id"), rs.getLong("cases"), yuan(rs, "overpaid_fen"),
                    yuan(rs, "recovered_fen"), rs.getBoolean("settled"));
        }
    }

    /**
     * {@code kind: certification}: a recipient expected to certify, with the baseline the rule counts from (the later
     * of the enrolment month and the last certification recorded by the moment) and whether it is current.
     */
    record CertificationRow(@JsonProperty("recipient_id") String recipientId, String name, String region,
                            @JsonProperty("enrolled_from") String enrolledFrom,
                            @JsonProperty("last_certified_on") String lastCertifiedOn,
                            @JsonProperty("last_method") String lastMethod, String baseline, boolean current,
                            @JsonProperty("enrolment_event_id") String enrolmentEventId,
                            @JsonProperty("certification_event_id") String certificationEventId)
            implements BasisRow {

        @Override
        public BasisRow seenBy(org.subsidyledger.projections.port.AccessScope caller) {
            return new CertificationRow(caller.id(recipientId), caller.name(name), region, enrolledFrom,
                    lastCertifiedOn, lastMethod, baseline, current, enrolmentEventId, certificationEventId);
        }

        static CertificationRow of(ResultSet rs) throws SQLException {
            return new CertificationRow(rs.getString("recipient_id"), rs.getString("name"), rs.getString("region"),
                    date(rs, "effective_from").substring(0, 7), date(rs, "last_certified_on"),
                    rs.getString("last_method"), date(rs, "baseline"), rs.getBoolean("current"),
                    rs.getString("enrolment_event_id"), rs.getString("last_certification_event_id"));
        }
    }

    private static String yuan(ResultSet rs, String column) throws SQLException {
        long fen = rs.getLong(column);
        return rs.wasNull() ? null : Amounts.yuan(fen);
    }

    private static String date(ResultSet rs, String column) throws SQLException {
        java.sql.Date date = rs.getDate(column);
        return date == null ? null : date.toLocalDate().toString();
    }

    private static String time(ResultSet rs, String column) throws SQLException {
        Timestamp time = rs.getTimestamp(column);
        return time == null ? null : time.toInstant().toString();
    }
}
