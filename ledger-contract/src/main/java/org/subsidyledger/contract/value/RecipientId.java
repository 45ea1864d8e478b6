package org.subsidyledger.contract.value;

import org.subsidyledger.contract.error.ErrorCode;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A 公民身份号码 (GB 11643-1999): 17 digits and an ISO 7064 MOD 11-2 check character, digits 7–14 a valid birth
 * date. A lower-case {@code x} is accepted and stored as {@code X}.
 */
public record RecipientId(String value) {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = "10X98765432".toCharArray();
    private static final java.util.regex.Pattern ID_LIKE =
            java.util.regex.Pattern.compile("(?<![0-9])([0-9]{6})[0-9]{8}([0-9]{3}[0-9Xx])(?![0-9Xx])");

    public RecipientId {
        Objects.requireNonNull(value, "value");
        String problem = problemWith(value);
        if (problem != null) {
            throw new InvalidValueException(ErrorCode.INVALID_RECIPIENT_ID, problem);
        }
        value = value.toUpperCase();
    }

    /** Parses after trimming surrounding blanks; throws {@link InvalidValueException} when the number is invalid. */
    public static RecipientId parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidValueException(ErrorCode.INVALID_RECIPIENT_ID, "ID number is missing");
        }
        return new RecipientId(raw.strip());
    }

    /** Why {@code candidate} is not a valid ID number, or {@code null} when it is. */
    public static String problemWith(String candidate) {
        if (candidate.length() != 18) {
            return "ID number must have 18 characters, has " + candidate.length();
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            char c = candidate.charAt(i);
            if (c < '0' || c > '9') {
                return "ID number must start with 17 digits";
            }
            sum += (c - '0') * WEIGHTS[i];
        }
        char last = Character.toUpperCase(candidate.charAt(17));
        if (last != CHECK[sum % 11]) {
            return "ID number check character is wrong";
        }
        try {
            LocalDate.of(Integer.parseInt(candidate.substring(6, 10)),
                    Integer.parseInt(candidate.substring(10, 12)),
                    Integer.parseInt(candidate.substring(12, 14)));
        } catch (DateTimeException e) {
            return "ID number holds no valid birth date";
        }
        return null;
    }

    /** The valid ID number made of {@code seventeenDigits} and their check character (synthetic data, tests). */
    public static String withCheckCharacter(String seventeenDigits) {
        if (seventeenDigits.length() != 17 || !seventeenDigits.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("17 digits are needed");
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (seventeenDigits.charAt(i) - '0') * WEIGHTS[i];
        }
        return seventeenDigits + CHECK[sum % 11];
    }

    /** The number as shown to roles that see no personal data: first 6 and last 4 characters, 8 {@code *} between. */
    public String masked() {
        return value.substring(0, 6) + "********" + value.substring(14);
    }

    /**
     * {@code text} with every 18-character run that looks like an ID number (17 digits and a digit or {@code X})
     * masked as {@link #masked()} does: for database messages, causes and logs, which must never carry one in full.
     */
    public static String maskAll(String text) {
        return text == null ? null : ID_LIKE.matcher(text).replaceAll("$1********$2");
    }

    @Override
    public String toString() {
        return value;
    }
}
