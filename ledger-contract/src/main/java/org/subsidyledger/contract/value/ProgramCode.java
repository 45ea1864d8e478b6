package org.subsidyledger.contract.value;

import org.subsidyledger.contract.error.ErrorCode;

import java.util.regex.Pattern;

/** A program's code: an upper-case letter, then 1–39 upper-case letters, digits, '-' or '_'. */
public record ProgramCode(String value) {

    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_-]{1,39}");

    public ProgramCode {
        if (value == null || !CODE.matcher(value).matches()) {
            throw new InvalidValueException(ErrorCode.INVALID_PROGRAM_CODE,
                    "program code '" + value + "' must be 2–40 upper-case letters, digits, '-' or '_', starting with a letter");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
