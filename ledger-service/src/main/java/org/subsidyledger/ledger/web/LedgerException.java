package org.subsidyledger.ledger.web;

/** A rejection with a stable {@link ErrorCode}; turned into an RFC 9457 problem at the HTTP edge. */
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
