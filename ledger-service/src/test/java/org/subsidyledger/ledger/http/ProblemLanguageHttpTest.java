package org.subsidyledger.ledger.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Problem details in Chinese for {@code Accept-Language: zh}: the title and detail of the code, the stable code and
 * type unchanged, the English detail in {@code detailEn}, ID numbers masked in every one of them; English otherwise.
 */
class ProblemLanguageHttpTest extends HttpTestBase {

    @Test
    void aProblemIsInChineseWhenTheRequestAsksForChinese() {
        Answer chinese = get("clerk", "/api/v1/programs/NO-SUCH-PROGRAM", "zh-CN,zh;q=0.9,en;q=0.8")
                .expectProblem(404, "UNKNOWN_PROGRAM");
        assertThat(chinese.json().get("title").asText()).isEqualTo("项目不存在");
        assertThat(chinese.json().get("detail").asText()).isEqualTo("没有这个项目，或它不在您的管辖区域内。");
        assertThat(chinese.json().get("type").asText()).isEqualTo("urn:subsidy-ledger:problem:unknown-program");
        assertThat(chinese.json().get("detailEn").asText()).contains("NO-SUCH-PROGRAM");
        assertThat(chinese.raw().headers().allValues("Vary")).anyMatch(v -> v.contains("Accept-Language"));

        Answer english = get("clerk", "/api/v1/programs/NO-SUCH-PROGRAM", "en-US,zh;q=0.5")
                .expectProblem(404, "UNKNOWN_PROGRAM");
        assertThat(english.json().get("title").asText()).isEqualTo("UNKNOWN_PROGRAM");
        assertThat(english.json().has("detailEn")).isFalse();
        assertThat(get("clerk", "/api/v1/programs/NO-SUCH-PROGRAM").json().get("title").asText())
                .as("English by default").isEqualTo("UNKNOWN_PROGRAM");
    }

    @Test
    void theSecurityFiltersAnswerInChineseToo() {
        Answer unauthenticated = get(null, "/api/v1/programs", "zh-Hans").expectProblem(401, "UNAUTHENTICATED");
        assertThat(unauthenticated.json().get("title").asText()).isEqualTo("未登录");
        assertThat(unauthenticated.json().get("detailEn").asText()).isEqualTo("credentials are missing or wrong");
        Answer forbidden = send(request("evaluator", "/api/v1/programs").header("Accept-Language", "zh")
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build())
                .expectProblem(403, "FORBIDDEN");
        assertThat(forbidden.json().get("detail").asText()).isEqualTo("您的角色不能进行这一操作。");
    }

    @Test
    void idNumbersStayMaskedAndFileLinesAndRowsStayInAChineseProblem() {
        String id = validId("65010219991231123");
        Answer unknown = get("auditor", "/api/v1/recipients/" + id, "zh").expectProblem(404, "UNKNOWN_RECIPIENT");
        assertThat(unknown.json().get("title").asText()).isEqualTo("领取人不存在");
        assertThat(unknown.text()).doesNotContain(id)
                .contains(id.substring(0, 6) + "********" + id.substring(14));

        String code = newProgram("ZH");
        byte[] notText = {'a', ',', 'b', '\n', (byte) 0x81, (byte) 0x20, '\n'};
        Answer encoding = postFile("clerk", "/api/v1/programs/" + code + "/enrolments", "f.csv", notText, null,
                "zh-CN").expectProblem(422, "UNSUPPORTED_ENCODING");
        assertThat(encoding.json().get("detail").asText()).startsWith("第 2 行：CSV 文件须为 UTF-8 或 GB18030 编码");

        byte[] rows = ("身份证号,姓名,行政区划\n530102192005080119,张三,650102\n").getBytes(StandardCharsets.UTF_8);
        Answer invalid = postFile("clerk", "/api/v1/programs/" + code + "/enrolments?effectiveFrom=2023-01",
                "f.csv", rows, null, "zh").expectProblem(422, "INVALID_ROWS");
        assertThat(invalid.json().get("title").asText()).isEqualTo("部分行有误");
        assertThat(invalid.json().get("errors").get(0).get("line").asInt()).isEqualTo(2);
        assertThat(invalid.json().get("errors").get(0).get("code").asText()).isEqualTo("INVALID_RECIPIENT_ID");
    }

    private Answer get(String user, String path, String acceptLanguage) {
        return send(request(user, path).header("Accept-Language", acceptLanguage).GET().build());
    }
}
