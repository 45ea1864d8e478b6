package org.subsidyledger.contract.error;

/** A rejection with a stable {@link ErrorCode}; the HTTP edge answers it as an RFC 9457 problem. */
public class LedgerException extends RuntimeException {

    private final ErrorCode code;

    public LedgerException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
