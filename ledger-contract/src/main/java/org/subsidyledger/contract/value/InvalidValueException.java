package org.subsidyledger.contract.value;

/** A value that breaks its format rule; {@link #code()} is the stable code reported to clients. */
public class InvalidValueException extends IllegalArgumentException {

    private final ValueErrorCode code;

    public InvalidValueException(ValueErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public ValueErrorCode code() {
        return code;
    }
}
