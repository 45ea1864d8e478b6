package org.subsidyledger.contract.overpayment;

/**
 * The issuing office as printed on a recovery notice: its name, address and telephone, and the account repayments go
 * to ({@code ledger.recovery.office.*}); any of the last four may be null when not configured.
 */
public record NoticeOffice(String name, String address, String phone, String bankName, String bankAccount) {
}
