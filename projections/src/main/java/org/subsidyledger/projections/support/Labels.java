package org.subsidyledger.projections.support;

import java.util.Map;

/**
 * The Chinese names of the codes the ledger exports (SPEC §7, docs/api.md): overpayment causes, case statuses, the
 * rules applied, the next step of a recovery case, indicator units. XLSX exports, read by people, show them; CSV and
 * JSON keep the stable codes that API clients switch on. A code without a name here is shown as it is.
 */
public final class Labels {

    private static final Map<String, String> CAUSES = Map.of(
            "DEATH", "死亡",
            "SUSPENSION", "停发（服刑等）",
            "DUPLICATE_CLAIM", "重复领取",
            "ENROLMENT_END", "终止",
            "STANDARD_CHANGE", "调标",
            "DUPLICATE_ONE_OFF", "重复一次性待遇");
    private static final Map<String, String> STATUSES = Map.of(
            "OPEN", "待追回",
            "PARTIAL", "部分追回",
            "RECOVERED", "已追回",
            "WRITTEN_OFF", "已核销",
            "CANCELLED", "撤销");
    private static final Map<String, String> RULES = Map.of(
            "DEATH_NEXT_MONTH", "死亡次月停发",
            "SUSPENSION_MONTHS", "停发期间不发",
            "DUPLICATE_CLAIM_MONTHS", "重复领取期间不发",
            "ENROLMENT_ENDED", "终止后不发",
            "STANDARD_CHANGE_DIFFERENCE", "调标后多发差额",
            "ONE_OFF_AT_MOST_ONCE", "一次性待遇每人限领一次",
            "FUNERAL_GRANT_WITHOUT_DEATH", "丧葬补助金须有死亡登记");
    /** The next step of a recovery case (rule 14), in the ledger's order of precedence. */
    private static final Map<String, String> NEXT_STEPS = Map.of(
            "CLOSED", "已结案",
            "APPEAL_DECISION", "待申诉决定",
            "NOTICE", "待出具通知书",
            "DELIVER", "待送达通知书",
            "INSTALMENT_OVERDUE", "分期逾期催缴",
            "AWAIT_REPAYMENT", "等待退回",
            "DEDUCT", "抵扣或追缴");
    private static final Map<String, String> UNITS = Map.of("rate", "比率", "yuan", "元", "count", "数量");

    private Labels() {
    }

    /** A code and its Chinese name: an export writes one or the other. */
    public record Coded(String code, String label) {
        @Override
        public String toString() {
            return code;
        }
    }

    public static Coded cause(String code) {
        return coded(CAUSES, code);
    }

    public static Coded status(String code) {
        return coded(STATUSES, code);
    }

    public static Coded rule(String code) {
        return coded(RULES, code);
    }

    public static Coded nextStep(String code) {
        return coded(NEXT_STEPS, code);
    }

    /** A yes-or-no column: {@code true}/{@code false} in a CSV, 是/否 in an XLSX. */
    public static Coded yesNo(boolean value) {
        return value ? new Coded("true", "是") : new Coded("false", "否");
    }

    public static Coded unit(String code) {
        return coded(UNITS, code);
    }

    private static Coded coded(Map<String, String> names, String code) {
        return code == null ? null : new Coded(code, names.getOrDefault(code, code));
    }
}
