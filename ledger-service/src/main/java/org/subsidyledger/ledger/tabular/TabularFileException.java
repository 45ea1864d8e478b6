package org.subsidyledger.ledger.tabular;

import org.subsidyledger.ledger.web.ErrorCode;
import org.subsidyledger.ledger.web.LedgerException;

/** The file as a whole cannot be read: wrong type or encoding, a missing column, broken quoting. */
public class TabularFileException extends LedgerException {

    public TabularFileException(ErrorCode code, String message) {
        super(code, message);
    }
}
