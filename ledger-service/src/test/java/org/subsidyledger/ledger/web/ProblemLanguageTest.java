package org.subsidyledger.ledger.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.subsidyledger.contract.error.ErrorCode;

class ProblemLanguageTest {

    @Test
    void everyCodeHasAChineseTitleAndDetail() {
        List<String> missing = new ArrayList<>();
        for (ErrorCode code : ErrorCode.values()) {
            for (String text : new String[]{ProblemLanguage.title(code), ProblemLanguage.detail(code)}) {
                if (text == null || text.codePoints().noneMatch(c -> Character.UnicodeScript.of(c)
                        == Character.UnicodeScript.HAN)) {
                    missing.add(code.name());
                }
            }
        }
        assertThat(missing).as("codes without Chinese texts in problems_zh.properties").isEmpty();
    }

    @Test
    void chineseIsAnsweredWhenRankedBeforeEnglish() {
        assertThat(ProblemLanguage.wantsChinese("zh")).isTrue();
        assertThat(ProblemLanguage.wantsChinese("zh-CN,zh;q=0.9,en;q=0.8")).isTrue();
        assertThat(ProblemLanguage.wantsChinese("zh-Hans-CN")).isTrue();
        assertThat(ProblemLanguage.wantsChinese("fr;q=0.9,zh-TW;q=0.5")).isTrue();
        assertThat(ProblemLanguage.wantsChinese("en-US,zh;q=0.5")).isFalse();
        assertThat(ProblemLanguage.wantsChinese("zh;q=0")).isFalse();
        assertThat(ProblemLanguage.wantsChinese("*")).isFalse();
        assertThat(ProblemLanguage.wantsChinese(null)).isFalse();
        assertThat(ProblemLanguage.wantsChinese("not a ;;; header")).isFalse();
    }

    @Test
    void aLocalizedProblemKeepsItsCodeTheFileLineAndTheEnglishDetail() {
        ProblemDetail problem = Problems.problem(ErrorCode.UNSUPPORTED_ENCODING,
                "line 5000: the file is neither UTF-8 nor GB18030 text");
        ProblemLanguage.localize(problem);
        assertThat(problem.getTitle()).isEqualTo("文件编码不支持");
        assertThat(problem.getDetail()).startsWith("第 5000 行：CSV 文件须为 UTF-8 或 GB18030 编码");
        assertThat(problem.getProperties()).containsEntry("code", "UNSUPPORTED_ENCODING")
                .containsEntry("detailEn", "line 5000: the file is neither UTF-8 nor GB18030 text");
        assertThat(problem.getType().toString()).isEqualTo("urn:subsidy-ledger:problem:unsupported-encoding");
    }
}
