package org.subsidyledger.ledger;

/** Valid 公民身份号码 for tests (GB 11643-1999: ISO 7064 MOD 11-2 check character). */
public final class TestIds {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};

    private TestIds() {
    }

    /** A valid ID number: the 17 digits given and their check character. */
    public static String validId(String seventeenDigits) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (seventeenDigits.charAt(i) - '0') * WEIGHTS[i];
        }
        return seventeenDigits + "10X98765432".charAt(sum % 11);
    }
}
