package org.subsidyledger.contract.value;

import org.subsidyledger.contract.error.ErrorCode;
import org.subsidyledger.contract.error.LedgerException;

/**
 * A value that breaks its format rule (an ID number, an amount, a month …): a {@link LedgerException} whose code is
 * the stable code reported to clients, thrown by the value types themselves.
 */
public class InvalidValueException extends LedgerException {

    public InvalidValueException(ErrorCode code, String message) {
        super(code, message);
    }
}
