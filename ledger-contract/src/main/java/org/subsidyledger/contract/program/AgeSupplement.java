package org.subsidyledger.contract.program;

/**
 * A program's rule that adds to the monthly standard from an age on (rule 9; 如皋's 基础养老金: +5 元 from 65, +10 元
 * from 75): from the month after the recipient's {@code fromAge}th birthday, birth date from the 公民身份号码. Of a
 * program's supplements, the highest age reached applies, alone.
 *
 * @param fromAge   the age in whole years, 1–120
 * @param amountFen what is added to the standard, 分, positive
 */
public record AgeSupplement(int fromAge, long amountFen) {
}
