package org.subsidyledger.ledger.overpayment;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.subsidyledger.contract.overpayment.NoticeOffice;

/**
 * The settings of the recovery procedure (rule 14, docs/configuration.md): the days after a notice's delivery before
 * deductions may start and within which the recipient may appeal, the issuing office printed on notices, and the
 * most notices one bulk request generates.
 */
@Component
class RecoveryProcedureSettings {

    final int deductionWaitDays;
    final int appealDays;
    final int bulkNoticeLimit;
    final NoticeOffice office;

    RecoveryProcedureSettings(@Value("${ledger.recovery.deduction-wait-days:30}") int deductionWaitDays,
                              @Value("${ledger.recovery.appeal-days:60}") int appealDays,
                              @Value("${ledger.recovery.bulk-notice-limit:500}") int bulkNoticeLimit,
                              @Value("${ledger.recovery.office.name:}") String name,
                              @Value("${ledger.recovery.office.address:}") String address,
                              @Value("${ledger.recovery.office.phone:}") String phone,
                              @Value("${ledger.recovery.office.bank-name:}") String bankName,
                              @Value("${ledger.recovery.office.bank-account:}") String bankAccount) {
        if (deductionWaitDays < 0 || appealDays < 1 || bulkNoticeLimit < 1) {
            throw new IllegalStateException("ledger.recovery.deduction-wait-days must be 0 or more, appeal-days and "
                    + "bulk-notice-limit 1 or more");
        }
        this.deductionWaitDays = deductionWaitDays;
        this.appealDays = appealDays;
        this.bulkNoticeLimit = bulkNoticeLimit;
        this.office = new NoticeOffice(blankToNull(name), blankToNull(address), blankToNull(phone),
                blankToNull(bankName), blankToNull(bankAccount));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
