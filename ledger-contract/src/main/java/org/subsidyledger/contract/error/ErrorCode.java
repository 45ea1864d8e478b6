package org.subsidyledger.contract.error;

/**
 * The stable codes of every rejection, owned by the domain: each names what went wrong and its {@link Kind}, never
 * a transport status (the HTTP edge maps kinds to statuses, once). Clients switch on the code; a code never changes
 * meaning once released. docs/api.md lists them.
 */
public enum ErrorCode {
    // values
    INVALID_RECIPIENT_ID(Kind.INVALID),
    INVALID_AMOUNT(Kind.INVALID),
    INVALID_REGION(Kind.INVALID),
    INVALID_PROGRAM_CODE(Kind.INVALID),
    INVALID_MONTH(Kind.INVALID),
    INVALID_DATE(Kind.INVALID),
    MISSING_VALUE(Kind.INVALID),
    INVALID_NAME(Kind.INVALID),
    INVALID_DEADLINE_DAY(Kind.INVALID),
    INVALID_REVIEW_LEVELS(Kind.INVALID),
    INVALID_PLAN(Kind.INVALID),
    INVALID_YEAR(Kind.INVALID),
    INVALID_REFERENCE(Kind.INVALID),
    // requests and files
    MALFORMED_REQUEST(Kind.MALFORMED),
    MALFORMED_FILE(Kind.INVALID),
    UNSUPPORTED_ENCODING(Kind.INVALID),
    UNSUPPORTED_FILE_TYPE(Kind.UNSUPPORTED_MEDIA_TYPE),
    MISSING_COLUMN(Kind.INVALID),
    EMPTY_FILE(Kind.INVALID),
    FILE_TOO_LARGE(Kind.TOO_LARGE),
    BODY_TOO_LARGE(Kind.TOO_LARGE),
    TOO_MANY_ROWS(Kind.TOO_LARGE),
    INVALID_ROWS(Kind.INVALID),
    DUPLICATE_IN_FILE(Kind.INVALID),
    /** A row's ID number is in a spreadsheet's numeric cell: only 15 significant digits survive, the number is lost. */
    ID_NOT_TEXT(Kind.INVALID),
    INVALID_DECISION(Kind.INVALID),
    // batch lines and bank returns
    NOT_ENROLLED(Kind.INVALID),
    NOT_DUE(Kind.INVALID),
    /** The month is due but its payment is withheld (暂停: 未认证, 失联) until released (rule 10). */
    WITHHELD(Kind.INVALID),
    /** A suspected fact (两上两下 verification) holds the recipient's lines until it is settled (rule 12). */
    SUSPECTED(Kind.INVALID),
    /** A one-off benefit of this kind was already paid or is pending for the recipient (rule 13). */
    DUPLICATE_ONE_OFF(Kind.CONFLICT),
    /** A funeral grant for a recipient whose death is not recorded (rule 13). */
    DEATH_NOT_RECORDED(Kind.INVALID),
    /** A monthly line for a month released from withholding: it is owed as arrears, paid by a 补发 line (rule 10). */
    ARREAR_OPEN(Kind.CONFLICT),
    /** A 补发 line for a month with no open arrear (rule 9). */
    NO_ARREAR(Kind.INVALID),
    /** An unknown one-off benefit kind, or a line that is both one-off and 补发. */
    INVALID_BENEFIT(Kind.INVALID),
    /** An unknown certification method (FACE, HOME_VISIT, COMMUNITY, OTHER). */
    INVALID_CERTIFICATION_METHOD(Kind.INVALID),
    /** Age supplements that are not (age 1–120, positive amount, each age once). */
    INVALID_AGE_SUPPLEMENT(Kind.INVALID),
    ALREADY_PAID(Kind.CONFLICT),
    ALREADY_PENDING(Kind.CONFLICT),
    NOT_IN_BATCH(Kind.INVALID),
    ALREADY_RETURNED(Kind.CONFLICT),
    BATCH_MISMATCH(Kind.INVALID),
    // state
    UNKNOWN_PROGRAM(Kind.NOT_FOUND),
    UNKNOWN_RECIPIENT(Kind.NOT_FOUND),
    UNKNOWN_BATCH(Kind.NOT_FOUND),
    NOT_FOUND(Kind.NOT_FOUND),
    UNKNOWN_COMPARISON(Kind.NOT_FOUND),
    // queries
    INVALID_QUERY(Kind.MALFORMED),
    PROGRAM_EXISTS(Kind.CONFLICT),
    ALREADY_ENROLLED(Kind.CONFLICT),
    DUPLICATE_FUNDS_REFERENCE(Kind.CONFLICT),
    MONTH_ALREADY_CLOSED(Kind.CONFLICT),
    MONTH_CLOSE_OUT_OF_ORDER(Kind.CONFLICT),
    MONTH_HAS_PENDING_BATCHES(Kind.CONFLICT),
    IDEMPOTENCY_KEY_REUSED(Kind.INVALID),
    CONCURRENT_MODIFICATION(Kind.CONFLICT),
    INVALID_BATCH_STATE(Kind.CONFLICT),
    REVIEW_OUT_OF_ORDER(Kind.CONFLICT),
    SEGREGATION_OF_DUTIES(Kind.FORBIDDEN),
    UNKNOWN_FACT(Kind.NOT_FOUND),
    UNKNOWN_OVERPAYMENT(Kind.NOT_FOUND),
    INVALID_SUSPENSION_KIND(Kind.INVALID),
    INVALID_PERIOD(Kind.INVALID),
    DEATH_ALREADY_RECORDED(Kind.CONFLICT),
    ENROLMENT_ALREADY_ENDED(Kind.CONFLICT),
    FACT_RETRACTED(Kind.CONFLICT),
    SUSPENSION_ALREADY_ENDED(Kind.CONFLICT),
    NOTHING_TO_CORRECT(Kind.INVALID),
    INVALID_CORRECTION(Kind.INVALID),
    INVALID_CASE_STATE(Kind.CONFLICT),
    UNMATCHED(Kind.INVALID),
    NAME_MISMATCH(Kind.INVALID),
    TEXT_TOO_LONG(Kind.INVALID),
    OVER_RECOVERY(Kind.INVALID),
    INVALID_REPAYMENT_METHOD(Kind.INVALID),
    WRITE_OFF_PENDING(Kind.CONFLICT),
    UNKNOWN_WRITE_OFF(Kind.NOT_FOUND),
    OVER_REFUND(Kind.INVALID),
    UNKNOWN_REPAYMENT(Kind.NOT_FOUND),
    REPAYMENT_ALREADY_REVERSED(Kind.CONFLICT),
    INVALID_DEDUCTION_SHARE(Kind.INVALID),
    DEDUCTION_NOT_ARRANGED(Kind.CONFLICT),
    // the recovery procedure (rule 14)
    DEDUCTION_TOO_EARLY(Kind.CONFLICT),
    APPEAL_OPEN(Kind.CONFLICT),
    UNKNOWN_APPEAL(Kind.NOT_FOUND),
    NOTICE_NOT_FOUND(Kind.NOT_FOUND),
    NOTICE_ALREADY_DELIVERED(Kind.CONFLICT),
    INVALID_DELIVERY_METHOD(Kind.INVALID),
    INVALID_CONTACT_METHOD(Kind.INVALID),
    // segregation of duties: a second person, evidence or a time limit where one person alone could change money
    CANCELLATION_PENDING(Kind.CONFLICT),
    UNKNOWN_CANCELLATION(Kind.NOT_FOUND),
    FACT_CHANGE_PENDING(Kind.CONFLICT),
    UNKNOWN_FACT_CHANGE(Kind.NOT_FOUND),
    MISSING_EVIDENCE(Kind.INVALID),
    STANDARD_ABOVE_PROGRAM(Kind.INVALID),
    MONTH_CLOSED(Kind.CONFLICT),
    REVIEW_LEVELS_BELOW_REQUIRED(Kind.INVALID),
    // evaluation
    UNKNOWN_RUBRIC(Kind.NOT_FOUND),
    UNKNOWN_RUBRIC_ITEM(Kind.INVALID),
    INVALID_SCORE(Kind.INVALID),
    EVALUATION_NOT_OPENED(Kind.CONFLICT),
    // verification of comparison matches (rule 12)
    /** A comparison row for a recipient who already has an open suspected fact of the same kind. */
    ALREADY_SUSPECTED(Kind.CONFLICT),
    /** A comparison row for a fact the ledger already records (the same kind, active). */
    ALREADY_RECORDED(Kind.CONFLICT),
    UNKNOWN_SUSPECTED_FACT(Kind.NOT_FOUND),
    /** A suspected fact already confirmed or dismissed. */
    SUSPECTED_FACT_SETTLED(Kind.CONFLICT),
    // audit
    CHAIN_BEHIND(Kind.UNAVAILABLE),
    FIGURES_BEHIND(Kind.UNAVAILABLE),
    // access: a row or line about a recipient outside the caller's region scope
    OUT_OF_SCOPE(Kind.INVALID),
    // security
    UNAUTHENTICATED(Kind.UNAUTHENTICATED),
    ACCOUNT_LOCKED(Kind.UNAUTHENTICATED),
    FORBIDDEN(Kind.FORBIDDEN),
    // the database cannot be reached (restarting, failing over): retry after Retry-After seconds
    DATABASE_UNAVAILABLE(Kind.UNAVAILABLE),
    // anything unexpected
    INTERNAL_ERROR(Kind.INTERNAL);

    /** What sort of rejection a code is; the edge chooses the status from it. */
    public enum Kind {
        /** The request is understood but a value or a row breaks a rule. */
        INVALID,
        /** The request cannot be read (syntax, a missing part, an unknown query parameter value). */
        MALFORMED,
        UNSUPPORTED_MEDIA_TYPE,
        TOO_LARGE,
        /** Nothing with that identity exists (or is visible to the caller). */
        NOT_FOUND,
        /** The state of the ledger does not allow it (already done, a concurrent change, out of order). */
        CONFLICT,
        /** The caller may not do this. */
        FORBIDDEN,
        UNAUTHENTICATED,
        /** Try again later: a dependency is down or a derived figure is not yet up to date. */
        UNAVAILABLE,
        INTERNAL
    }

    private final Kind kind;

    ErrorCode(Kind kind) {
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** The problem type URI, stable per code. */
    public String typeUri() {
        return "urn:subsidy-ledger:problem:" + name().toLowerCase().replace('_', '-');
    }
}
