package org.subsidyledger.ledger.tabular;

import org.subsidyledger.contract.error.ErrorCode;
import org.subsidyledger.contract.error.LedgerException;

/**
 * A cell the file holds in a form that has already lost what it meant: an 18-digit ID number that a spreadsheet
 * stored as a number keeps only 15 significant digits. The row is rejected with {@link #code()} and the Chinese
 * {@link #message()}, where the row's values are checked, like any other bad value.
 */
public record CellProblem(ErrorCode code, String message) {

    static final CellProblem ID_NOT_TEXT = new CellProblem(ErrorCode.ID_NOT_TEXT,
            "身份证号被存成了数值，Excel 只保留 15 位有效数字，号码已丢失末几位：请将身份证号列设置为\"文本\"格式后重新录入"
                    + "（the ID number is in a numeric cell and has lost digits; format the ID column as text and "
                    + "enter it again）");

    /** Throws the problem as the {@link LedgerException} a row check throws, when there is one. */
    public static void raise(CellProblem problem) {
        if (problem != null) {
            throw new LedgerException(problem.code(), problem.message());
        }
    }
}
