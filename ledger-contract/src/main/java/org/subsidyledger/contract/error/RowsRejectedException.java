package org.subsidyledger.contract.error;

import java.util.List;

/** A whole file or list was refused because of bad rows ({@link RowProblem}s or alike); nothing was recorded. */
public class RowsRejectedException extends LedgerException {

    private final List<?> rows;

    public RowsRejectedException(List<?> rows) {
        super(ErrorCode.INVALID_ROWS, rows.size() + " row(s) are invalid; nothing was recorded");
        this.rows = List.copyOf(rows);
    }

    public List<?> rows() {
        return rows;
    }
}
