package org.subsidyledger.contract.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.subsidyledger.contract.error.ErrorCode;
import org.subsidyledger.contract.error.LedgerException;

class DecimalsTest {

    @Test
    void readsPlainNumbersWithinTheirDigits() {
        assertThat(Decimals.parse(" 0.30 ", 1, 4, ErrorCode.INVALID_DEDUCTION_SHARE, "share"))
                .isEqualByComparingTo(new BigDecimal("0.3"));
        assertThat(Decimals.parse("100", 3, 2, ErrorCode.INVALID_SCORE, "score")).isEqualByComparingTo("100");
    }

    @Test
    void refusesExponentsAndTooManyDigitsAsTheyAreRead() {
        for (String hostile : new String[]{"1e-100000000", "1E5", "0.12345", "12", "0x1", "", "１"}) {
            assertThatThrownBy(() -> Decimals.parse(hostile, 1, 4, ErrorCode.INVALID_DEDUCTION_SHARE, "share"))
                    .as(hostile).isInstanceOf(LedgerException.class)
                    .extracting(e -> ((LedgerException) e).code()).isEqualTo(ErrorCode.INVALID_DEDUCTION_SHARE);
        }
    }
}
