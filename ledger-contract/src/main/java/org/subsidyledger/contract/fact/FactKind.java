package org.subsidyledger.contract.fact;

/**
 * The kinds of fact that make months not due (rule 3, docs/rules.md), and so the causes of the overpayments they make;
 * and two causes of overpayments that are not life facts: {@link #STANDARD_CHANGE} (rule 9) and
 * {@link #DUPLICATE_ONE_OFF} (rule 13). Those two make no month not due ({@link NotDueMonths#of} refuses them).
 */
public enum FactKind {
    /** 死亡: the month of death is due, every later month is not (死亡次月停发). */
    DEATH,
    /** 停发, e.g. 服刑: months month(from)+1 … month(to) are not due; open-ended until a release ends it. */
    SUSPENSION,
    /** 重复领取: the recipient draws another scheme for months a … b; those months are not due in this program. */
    DUPLICATE_CLAIM,
    /** 终止: the enrolment in a program ended; months after the last due month are not due. */
    ENROLMENT_END,
    /** 调标: a retroactive decrease of the standard made months already paid due less than was paid (rule 9). */
    STANDARD_CHANGE,
    /** 一次性待遇重复: a one-off benefit (丧葬补助金, 个人账户余额) paid more than once to a recipient (rule 13). */
    DUPLICATE_ONE_OFF;

    /** Whether facts of this kind are life facts, which make months not due. */
    public boolean lifeFact() {
        return this != STANDARD_CHANGE && this != DUPLICATE_ONE_OFF;
    }
}
