package org.subsidyledger.ledger.infrastructure;

import org.springframework.dao.DuplicateKeyException;

/** Looks through the causes of a failure, as Axon may wrap what a handler threw. */
public final class Failures {

    private Failures() {
    }

    /** Whether {@code failure} comes from a unique key: another request recorded the same thing at the same moment. */
    public static boolean isDuplicateKey(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DuplicateKeyException
                    || t instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
