package org.subsidyledger.projections.support;

import java.math.BigDecimal;

/** Amounts leave the read side as strings in 元 with two decimals, as docs/api.md requires. */
public final class Amounts {

    private Amounts() {
    }

    public static String yuan(long fen) {
        return BigDecimal.valueOf(fen, 2).toPlainString();
    }
}
