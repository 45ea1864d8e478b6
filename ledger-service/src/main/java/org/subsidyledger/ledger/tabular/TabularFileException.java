package org.subsidyledger.ledger.tabular;

import org.subsidyledger.contract.error.ErrorCode;
import org.subsidyledger.contract.error.LedgerException;

/** The file as a whole cannot be read: wrong type or encoding, a missing column, broken quoting. */
public class TabularFileException extends LedgerException {

    public TabularFileException(ErrorCode code, String message) {
        super(code, message);
    }
}
