package org.subsidyledger.ledger;

import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.subsidyledger.contract.error.ErrorCode;
import org.subsidyledger.contract.error.LedgerException;

/** Hamcrest matchers for the exceptions commands are refused with, for axon-test's {@code expectException}. */
public final class LedgerExceptionMatchers {

    private LedgerExceptionMatchers() {
    }

    /** A {@link LedgerException} with the stable code {@code code}. */
    public static Matcher<LedgerException> codeIs(ErrorCode code) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(LedgerException e) {
                return e.code() == code;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a LedgerException with code " + code);
            }
        };
    }
}
