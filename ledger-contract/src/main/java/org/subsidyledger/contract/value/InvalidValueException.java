package org.subsidyledger.contract.value;

import org.subsidyledger.contract.error.ErrorCode;

/** A value that breaks its format rule; {@link #code()} is the stable code reported to clients. */
public class InvalidValueException extends IllegalArgumentException {

    private final ErrorCode code;

    public InvalidValueException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
