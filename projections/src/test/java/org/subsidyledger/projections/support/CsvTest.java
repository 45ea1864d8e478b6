package org.subsidyledger.projections.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** CSV cells as a spreadsheet reads them: quoted when they hold a separator or a line break, never a formula. */
class CsvTest {

    @Test
    void aFormulaAfterALineBreakInsideACellIsNeutralisedAndTheCellQuoted() {
        assertThat(Csv.cell("张三\r=HYPERLINK(\"http://x\",\"点击\")"))
                .isEqualTo("\"张三\r'=HYPERLINK(\"\"http://x\"\",\"\"点击\"\")\"");
        assertThat(Csv.cell("张三\n+1+1")).isEqualTo("\"张三\n'+1+1\"");
        assertThat(Csv.cell("张三\r\n@SUM(A1)")).isEqualTo("\"张三\r\n'@SUM(A1)\"");
    }

    @Test
    void aBareCarriageReturnIsQuoted() {
        assertThat(Csv.cell("a\rb")).isEqualTo("\"a\rb\"");
    }

    @Test
    void leadingFormulaPrefixesAreNeutralisedButNumbersAndPlainTextAreNot() {
        assertThat(Csv.cell("=1+1")).isEqualTo("'=1+1");
        assertThat(Csv.cell("\t=cmd")).isEqualTo("'\t=cmd");
        assertThat(Csv.cell("-120.00")).isEqualTo("-120.00");
        assertThat(Csv.cell("张三")).isEqualTo("张三");
        assertThat(Csv.cell("a,b")).isEqualTo("\"a,b\"");
        assertThat(Csv.cell(null)).isEmpty();
    }
}
