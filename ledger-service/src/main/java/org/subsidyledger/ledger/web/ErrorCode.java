package org.subsidyledger.ledger.web;

import org.springframework.http.HttpStatus;

/**
 * The stable codes of every rejection, each with its HTTP status. Clients switch on {@code code}; a code never
 * changes meaning once released. docs/api.md lists them.
 */
public enum ErrorCode {
    // values
    INVALID_RECIPIENT_ID(HttpStatus.UNPROCESSABLE_CONTENT),
    INVALID_AMOUNT(HttpStatus.UNPROCESSABLE_CONTENT),
    INVALID_REGION(HttpStatus.UNPROCESSABLE_CONTENT),
    INVALID_PROGRAM_CODE(HttpStatus.UNPROCESSABLE_CONTENT),
    INVALID_MONTH(HttpStatus.UNPROCESSABLE_CONTENT),
    INVALID_DATE(HttpStatus.UNPROCESSABLE_CONTENT),
    MISSING_VALUE(HttpStatus.UNPROCESSABLE_CONTENT),
    INVALID_NAME(HttpStatus.UNPROCESSABLE_CONTENT),
    INVALID_DEADLINE_DAY(HttpStatus.UNPROCESSABLE_CONTENT),
    INVALID_REVIEW_LEVELS(HttpStatus.UNPROCESSABLE_CONTENT),
    INVALID_PLAN(HttpStatus.UNPROCESSABLE_CONTENT),
    INVALID_YEAR(HttpStatus.UNPROCESSABLE_CONTENT),
    INVALID_REFERENCE(HttpStatus.UNPROCESSABLE_CONTENT),
    // requests and files
    MALFORMED_REQUEST(HttpStatus.BAD_REQUEST),
    MALFORMED_FILE(HttpStatus.UNPROCESSABLE_CONTENT),
    UNSUPPORTED_ENCODING(HttpStatus.UNPROCESSABLE_CONTENT),
    UNSUPPORTED_FILE_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE),
    MISSING_COLUMN(HttpStatus.UNPROCESSABLE_CONTENT),
    EMPTY_FILE(HttpStatus.UNPROCESSABLE_CONTENT),
    FILE_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE),
    INVALID_ROWS(HttpStatus.UNPROCESSABLE_CONTENT),
    DUPLICATE_IN_FILE(HttpStatus.UNPROCESSABLE_CONTENT),
    INVALID_DECISION(HttpStatus.UNPROCESSABLE_CONTENT),
    // batch lines and bank returns
    NOT_ENROLLED(HttpStatus.UNPROCESSABLE_CONTENT),
    NOT_DUE(HttpStatus.UNPROCESSABLE_CONTENT),
    ALREADY_PAID(HttpStatus.CONFLICT),
    ALREADY_PENDING(HttpStatus.CONFLICT),
    NOT_IN_BATCH(HttpStatus.UNPROCESSABLE_CONTENT),
    ALREADY_RETURNED(HttpStatus.CONFLICT),
    BATCH_MISMATCH(HttpStatus.UNPROCESSABLE_CONTENT),
    // state
    UNKNOWN_PROGRAM(HttpStatus.NOT_FOUND),
    UNKNOWN_RECIPIENT(HttpStatus.NOT_FOUND),
    UNKNOWN_BATCH(HttpStatus.NOT_FOUND),
    NOT_FOUND(HttpStatus.NOT_FOUND),
    PROGRAM_EXISTS(HttpStatus.CONFLICT),
    ALREADY_ENROLLED(HttpStatus.CONFLICT),
    DUPLICATE_FUNDS_REFERENCE(HttpStatus.CONFLICT),
    IDEMPOTENCY_KEY_REUSED(HttpStatus.UNPROCESSABLE_CONTENT),
    CONCURRENT_MODIFICATION(HttpStatus.CONFLICT),
    INVALID_BATCH_STATE(HttpStatus.CONFLICT),
    REVIEW_OUT_OF_ORDER(HttpStatus.CONFLICT),
    SEGREGATION_OF_DUTIES(HttpStatus.FORBIDDEN),
    // security
    UNAUTHENTICATED(HttpStatus.UNAUTHORIZED),
    FORBIDDEN(HttpStatus.FORBIDDEN),
    // anything unexpected
    INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR);

    private final HttpStatus status;

    ErrorCode(HttpStatus status) {
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }

    /** The problem type URI, stable per code. */
    public String typeUri() {
        return "urn:subsidy-ledger:problem:" + name().toLowerCase().replace('_', '-');
    }
}
