package org.subsidyledger.contract.fact;

/**
 * The kinds of fact that make months not due (rule 3, docs/rules.md). Also the cause of the overpayments a fact makes.
 */
public enum FactKind {
    /** 死亡: the month of death is due, every later month is not (死亡次月停发). */
    DEATH,
    /** 停发, e.g. 服刑: months month(from)+1 … month(to) are not due; open-ended until a release ends it. */
    SUSPENSION,
    /** 重复领取: the recipient draws another scheme for months a … b; those months are not due in this program. */
    DUPLICATE_CLAIM,
    /** 终止: the enrolment in a program ended; months after the last due month are not due. */
    ENROLMENT_END
}
