package org.subsidyledger.contract.value;

import org.subsidyledger.contract.error.ErrorCode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MoneyTest {

    @ParameterizedTest
    @CsvSource({"120.00, 12000", "120, 12000", "120.5, 12050", "0.01, 1", "23520000.00, 2352000000"})
    void parsesYuanIntoFen(String yuan, long fen) {
        assertThat(Money.parseYuan(yuan).fen()).isEqualTo(fen);
    }

    @Test
    void printsYuanWithTwoDecimals() {
        assertThat(Money.ofFen(12000)).hasToString("120.00");
        assertThat(Money.ofFen(5)).hasToString("0.05");
    }

    @Test
    void rejectsAThirdDecimal() {
        assertThatThrownBy(() -> Money.parseYuan("120.005")).hasMessageContaining("more than 2 decimals");
    }

    @Test
    void rejectsANegativeAmount() {
        assertThatThrownBy(() -> Money.parseYuan("-1.00")).hasMessageContaining("negative");
    }

    @Test
    void rejectsZeroWherePositiveIsRequired() {
        assertThat(Money.parseYuan("0.00").fen()).isZero();
        assertThatThrownBy(() -> Money.parsePositiveYuan("0.00")).hasMessageContaining("greater than zero");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "1e3", "1,200.00", "12.", ".5", "NaN", "１２０"})
    void rejectsWhatIsNotAPlainDecimal(String raw) {
        assertThatThrownBy(() -> Money.parseYuan(raw))
                .isInstanceOf(InvalidValueException.class)
                .extracting(e -> ((InvalidValueException) e).code())
                .isEqualTo(ErrorCode.INVALID_AMOUNT);
    }
}
