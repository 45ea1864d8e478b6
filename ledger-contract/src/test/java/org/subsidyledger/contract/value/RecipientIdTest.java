package org.subsidyledger.contract.value;

import org.subsidyledger.contract.error.ErrorCode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RecipientIdTest {

    @Test
    void acceptsTheSpecExampleWithCheckCharacterX() {
        assertThat(RecipientId.parse("11010519491231002X").value()).isEqualTo("11010519491231002X");
    }

    @Test
    void storesLowerCaseXAsUpperCase() {
        assertThat(RecipientId.parse(" 11010519491231002x ").value()).isEqualTo("11010519491231002X");
    }

    @Test
    void acceptsANumericCheckCharacter() {
        String id = withCheckCharacter("11010119900307001");
        assertThat(Character.isDigit(id.charAt(17))).isTrue();
        assertThat(RecipientId.problemWith(id)).isNull();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            "530102192005080119, check character",
            "11010519491231002, 18 characters",
            "1101051949123100201, 18 characters",
            "11010519491331002X, check character",
            "1101051949123A002X, 17 digits"})
    void rejectsInvalidNumbersWithAReason(String candidate, String reason) {
        assertThat(RecipientId.problemWith(candidate)).contains(reason);
        assertThatThrownBy(() -> RecipientId.parse(candidate))
                .isInstanceOf(InvalidValueException.class)
                .extracting(e -> ((InvalidValueException) e).code())
                .isEqualTo(ErrorCode.INVALID_RECIPIENT_ID);
    }

    @Test
    void rejectsAValidCheckCharacterOnAnImpossibleBirthDate() {
        assertThat(RecipientId.problemWith(withCheckCharacter("11010519490230002"))).contains("birth date");
    }

    /** Appends the ISO 7064 MOD 11-2 check character, computed independently of the class under test. */
    static String withCheckCharacter(String seventeenDigits) {
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (seventeenDigits.charAt(i) - '0') * weights[i];
        }
        return seventeenDigits + "10X98765432".charAt(sum % 11);
    }

    @Test
    void rejectsAMissingNumber() {
        assertThatThrownBy(() -> RecipientId.parse("  ")).hasMessageContaining("missing");
    }

    @Test
    void masksTheEightDigitsBetweenTheFirstSixAndTheLastFour() {
        String id = withCheckCharacter("65010219500101123");
        assertThat(new RecipientId(id).masked()).isEqualTo("650102********123" + id.charAt(17));
    }

    @Test
    void masksEveryIdLikeRunInADatabaseMessageAndLeavesOtherNumbersAlone() {
        String message = "Key (recipient_id)=(65010219500101123X) already exists; batch 12345, also 110105194912310021.";
        assertThat(RecipientId.maskAll(message)).isEqualTo(
                "Key (recipient_id)=(650102********123X) already exists; batch 12345, also 110105********0021.");
        assertThat(RecipientId.maskAll("1234567890123456789 is 19 digits")).isEqualTo("1234567890123456789 is 19 digits");
        assertThat(RecipientId.maskAll(null)).isNull();
    }
}
