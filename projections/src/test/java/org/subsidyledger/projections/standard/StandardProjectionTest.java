package org.subsidyledger.projections.standard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StandardProjectionTest {

    @Test
    void aValueCopiedAsTextKeepsItsBackslashesTabsAndLineEndsAndNullIsNull() {
        assertThat(StandardProjection.copyText("clerk")).isEqualTo("clerk");
        assertThat(StandardProjection.copyText("a\\b\tc\nd\re")).isEqualTo("a\\\\b\\tc\\nd\\re");
        assertThat(StandardProjection.copyText(null)).isEqualTo("\\N");
        assertThat(StandardProjection.copyText("张三")).isEqualTo("张三");
    }
}
