package org.subsidyledger.ledger;

/** Valid 公民身份号码 for tests (GB 11643-1999: ISO 7064 MOD 11-2 check character). */
public final class TestIds {

    private TestIds() {
    }

    /** A valid ID number: the 17 digits given and their check character. */
    public static String validId(String seventeenDigits) {
        return org.subsidyledger.contract.value.RecipientId.withCheckCharacter(seventeenDigits);
    }
}
