package org.subsidyledger.contract.overpayment;

import java.time.LocalDate;
import java.util.List;
import org.axonframework.serialization.Revision;
import org.subsidyledger.contract.fact.FactKind;

/**
 * A recovery notice (追回通知书, rule 14) was generated for a case: what it tells the recipient, kept as it was printed
 * so that the document can be produced again word for word. The recipient's name and ID number are not copied here:
 * the document reads them from the enrolment when it is rendered.
 *
 * @param generatedOn       the business date printed on the notice
 * @param months            the overpaid payments the notice lists, month by month
 * @param amountFen         the case's amount when the notice was generated, 分
 * @param outstandingFen    what was still to repay then, 分
 * @param cause             the cause of the case, which selects the rule printed in words
 * @param ruleDescription   the rule as applied to this case's fact, in words
 * @param appealDays        the days from delivery within which the recipient may appeal (申诉)
 * @param deductionWaitDays the days from delivery before deductions from later benefits may start
 * @param office            the office that issues the notice and where and how to repay
 */
@Revision("1")
public record RecoveryNoticeGenerated(String caseId, String noticeId, LocalDate generatedOn, List<OverpaidMonth> months,
                                      long amountFen, long outstandingFen, FactKind cause, String ruleDescription,
                                      int appealDays, int deductionWaitDays, NoticeOffice office) {

    public RecoveryNoticeGenerated {
        months = List.copyOf(months);
    }
}
