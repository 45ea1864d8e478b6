package org.subsidyledger.contract;

/**
 * Keys of the metadata every event carries. The recorded time is the event's own timestamp; business dates are
 * fields of the payload.
 */
public final class AuditMetadata {

    /** The user name of whoever caused the event. */
    public static final String ACTOR = "actor";
    /** The role under which the actor acted ({@code CLERK}, {@code FINANCE} …). */
    public static final String ROLE = "role";
    /** The id of the HTTP request or bulk operation the event was recorded in. */
    public static final String REQUEST_ID = "requestId";

    private AuditMetadata() {
    }
}
