package org.subsidyledger.ledger.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One working day at the office, in the browser, in the order it happens: a clerk enrols recipients and posts the
 * month's batch (with bad lines) and reads the results; three reviewers and finance take it from their inboxes to
 * disbursement; an inspector records a death, finds the case and records the repayment; an evaluator opens the
 * indicators, a chart draws and a drill-down adds up to its figure; an auditor verifies the chain and sees the
 * inspector's read in the access log. Each step leaves what the next one works on (the methods run in order).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleWorkdayBrowserTest extends BrowserTestBase {

    private static final ZoneId OFFICE = ZoneId.of("Asia/Shanghai");
    private static final YearMonth MONTH = YearMonth.now(OFFICE);
    private static final List<String> IDS = List.of(syntheticId(901), syntheticId(902), syntheticId(903),
            syntheticId(904));
    private static String program;
    private static String batchUrl;
    private static String caseUrl;

    @Test
    @Order(1)
    void aClerkEnrolsRecipientsAndPostsTheMonthsBatchThenReadsWhatWasRejected() throws Exception {
        program = newProgram("DAY");
        signInAs("clerk");
        browser.get(url("/console/programs"));
        browser.findElement(By.linkText(program)).click();
        awaitUrl("/console/programs/" + program);
        shot("program-clerk");

        // an enrolment file with one bad ID: nothing is enrolled, the row is named with its line and reason
        String header = "身份证号,姓名,行政区划\n";
        String good = String.join("", IDS.stream().map(id -> id + ",受益人" + id.substring(14) + ",650102\n")
                .toList());
        upload("enrolment-file", "enrolment-from", MONTH.minusMonths(1).toString(), "enrolment.csv",
                header + good + "650102193001010010,错号,650102\n", "enrolment-upload");
        awaitUrl("/console/uploads/");
        assertThat(text("upload-figures")).contains("登记人数\n0").contains("拒绝行数\n1");
        assertThat(text("rejected-rows")).contains("6").contains("INVALID_RECIPIENT_ID");
        // the rejected rows as XLSX, the ID column as text
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(download(
                browser.findElement(By.id("rejected-xlsx")).getAttribute("href"))))) {
            Sheet sheet = book.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(1).getStringCellValue()).isEqualTo("身份证号");
            assertThat((int) sheet.getRow(1).getCell(0).getNumericCellValue()).isEqualTo(6);
            assertThat(sheet.getRow(1).getCell(1).getStringCellValue()).isEqualTo("650102193001010010");
            assertThat(sheet.getRow(1).getCell(1).getCellStyle().getDataFormatString()).isEqualTo("@");
            assertThat(sheet.getRow(1).getCell(2).getStringCellValue()).isEqualTo("INVALID_RECIPIENT_ID");
        }
        shot("upload-rejected");

        browser.get(url("/console/programs/" + program));
        upload("enrolment-file", "enrolment-from", MONTH.minusMonths(1).toString(), "enrolment.csv", header + good,
                "enrolment-upload");
        awaitUrl("/console/uploads/");
        assertThat(text("upload-figures")).contains("登记人数\n4");
        assertThat(browser.findElements(By.id("no-rejected"))).hasSize(1);

        // the month's batch: three good lines (one short), one not enrolled, one twice
        browser.get(url("/console/programs/" + program));
        String batch = "身份证号,姓名,金额\n" + IDS.get(0) + ",受益人,120.00\n" + IDS.get(1) + ",受益人,\"1,00.00\"\n"
                .replace("\"1,00.00\"", "100.00") + IDS.get(2) + ",受益人,120.00\n" + syntheticId(999)
                + ",未登记,120.00\n" + IDS.get(0) + ",受益人,120.00\n";
        upload("batch-file", "batch-period", MONTH.toString(), "batch.csv", batch, "batch-upload");
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.urlContains("/console/uploads/"));
        String token = browser.getCurrentUrl().replaceAll(".*/console/uploads/", "");
        assertThat(text("upload-figures")).contains("接收行数\n3").contains("接收金额\n340.00")
                .contains("不足额\n1").contains("拒绝行数\n2");
        assertThat(text("rejected-rows")).contains("NOT_ENROLLED").contains("DUPLICATE_IN_FILE");
        assertThat(get("/console/uploads/" + token + "/progress")).contains("\"phase\":\"DONE\"")
                .contains("\"percent\":100");
        shot("batch-result");

        browser.findElement(By.id("result-link")).click();
        awaitUrl("/console/batches/");
        batchUrl = browser.getCurrentUrl();
        assertThat(text("batch-status")).isEqualTo("复核中");
        assertThat(text("batch-summary")).contains("笔数\n3").contains("340.00 元");
        assertThat(browser.findElements(By.cssSelector("#line-table tbody tr"))).hasSize(3);
        assertThat(text("steps")).contains("上传").contains("clerk");
        shot("batch-clerk");
    }

    @Test
    @Order(2)
    void threeReviewersAndFinanceTakeTheBatchFromTheirInboxesToDisbursement() {
        for (int level = 1; level <= 3; level++) {
            signInAs("reviewer" + level);
            browser.get(url("/console/inbox"));
            WebElement row = inboxRow();
            assertThat(row.getText()).contains("复核 第 " + level + " 级").contains("340.00");
            if (level == 1) {
                shot("inbox-reviewer");
            }
            row.findElement(By.className("open-batch")).click();
            awaitUrl("/console/batches/");
            new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.findElement(By.id("added")).getText()
                    .contains("新增 3 人"));
            if (level == 1) {
                shot("batch-review");
            }
            browser.findElement(By.id("review-comment")).sendKeys("人数、金额与名册核对无误");
            browser.findElement(By.id("review-approve")).click();
            awaitText("flash", "第 " + level + " 级复核已记录");
        }
        assertThat(text("batch-status")).isEqualTo("待财务审批");

        signInAs("finance");
        browser.get(url("/console/inbox"));
        assertThat(inboxRow().getText()).contains("财务审批");
        inboxRow().findElement(By.className("open-batch")).click();
        awaitUrl("/console/batches/");
        browser.findElement(By.id("approval-approve")).click();
        awaitText("flash", "财务审批已记录");
        assertThat(text("batch-status")).isEqualTo("待发放");

        browser.get(url("/console/inbox"));
        assertThat(inboxRow().getText()).contains("登记发放");
        inboxRow().findElement(By.className("open-batch")).click();
        awaitUrl("/console/batches/");
        setDate("disbursed-on", LocalDate.now(OFFICE));
        browser.findElement(By.id("disburse")).click();
        awaitText("flash", "已登记发放");
        assertThat(text("batch-status")).isEqualTo("已发放");
        assertThat(text("steps")).contains("复核通过").contains("reviewer3").contains("财务审批通过")
                .contains("银行发放");
        shot("batch-disbursed");
    }

    @Test
    @Order(3)
    void anInspectorRecordsADeathFindsTheCaseAndRecordsTheRepayment() {
        signInAs("inspector");
        browser.get(url("/console/recipients"));
        browser.findElement(By.id("search-id")).sendKeys(IDS.get(0));
        browser.findElement(By.cssSelector("#recipient-search button")).click();
        awaitUrl("/console/recipients/" + IDS.get(0));
        assertThat(text("balances")).contains(program).contains("120.00");
        // died on the first of last month: this month's payment was not due
        setDate("death-date", MONTH.minusMonths(1).atDay(1));
        browser.findElement(By.id("death-source")).sendKeys("民政殡葬数据比对");
        browser.findElement(By.id("record-death")).click();
        awaitText("flash", "死亡已登记");
        assertThat(text("flash")).contains("新发现多发 1 案").contains("120.00 元");
        WebElement caseLink = new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.findElement(
                By.cssSelector("#cases a")));
        assertThat(caseLink.getText()).isEqualTo("待追回");
        shot("recipient-inspector");
        caseLink.click();
        awaitUrl("/console/overpayments/");
        caseUrl = browser.getCurrentUrl();
        assertThat(text("case-figures")).contains("多发\n120.00 元").contains("待追回\n120.00 元");
        assertThat(text("case-months")).contains(MONTH.toString());

        browser.findElement(By.id("repay-amount")).sendKeys("120.00");
        setDate("repay-on", LocalDate.now(OFFICE));
        browser.findElement(By.id("repay-reference")).sendKeys("收据 0001");
        browser.findElement(By.id("repay")).click();
        awaitText("flash", "已登记还款 120.00 元");
        assertThat(text("case-status")).isEqualTo("已追回");
        assertThat(text("case-history")).contains("发现多发").contains("还款").contains("inspector");
        shot("case-inspector");

        browser.get(url("/console/overpayments?program=" + program));
        assertThat(text("ledger-totals")).contains("案件\n1").contains("已追回\n120.00 元");
        awaitChart("chart-cause");
        awaitChart("chart-aging");
        shot("ledger-inspector");
    }

    @Test
    @Order(4)
    void anEvaluatorOpensTheIndicatorsAChartDrawsAndADrillDownAddsUpToItsFigure() {
        signInAs("evaluator");
        browser.get(url("/console/indicators"));
        assertThat(text("indicator-programs")).contains(program);
        browser.get(url("/console/programs/" + program + "/indicators?year=" + MONTH.getYear()));
        awaitChart("chart-paid");
        awaitChart("chart-rates");
        WebElement payments = browser.findElement(By.cssSelector("#indicator-recipientCompletionRate a.drill"));
        String figure = payments.getText();
        String row = payments.findElement(By.xpath("ancestor::tr")).getText();
        shot("indicators-evaluator");
        payments.click();
        awaitUrl("/basis");
        String count = text("basis-count");
        assertThat(figure).as("the drill-down of " + row).isEqualTo(count).isEqualTo("3");
        String rows = text("basis-rows");
        assertThat(rows).doesNotContain(IDS.get(1)).contains(IDS.get(1).substring(0, 6) + "********");
        shot("basis-evaluator");

        // the year's evaluation opened with its rubric: the sheet shows the items the ledger scores itself
        post("evaluator", "/api/v1/programs/" + program + "/evaluations/" + MONTH.getYear(),
                "{\"rubric\":\"urumqi-pre1995-retirees-2023\"}").expect(200);
        eventually(() -> get("evaluator", "/api/v1/programs/" + program + "/evaluation?year=" + MONTH.getYear())
                .status() == 200);
        browser.get(url("/console/programs/" + program + "/evaluation?year=" + MONTH.getYear()));
        assertThat(browser.findElements(By.id("score-table"))).as(browser.findElement(By.tagName("main")).getText())
                .hasSize(1);
        assertThat(text("score-table")).contains("账本计算").contains("合计");
        assertThat(browser.findElements(By.cssSelector("#score-table tbody tr")).size()).isGreaterThan(5);
        shot("evaluation-evaluator");
    }

    @Test
    @Order(5)
    void anAuditorVerifiesTheChainAndFindsTheInspectorsReadInTheAccessLog() {
        signInAs("auditor");
        browser.get(url("/console/audit"));
        browser.findElement(By.id("run-verify")).click();
        awaitText("verify-outcome", "核验通过");
        assertThat(text("chain-head")).matches("[0-9a-f]{64}");
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.findElement(By.id("access-log-table"))
                .getText().contains("inspector"));
        assertThat(text("access-log-table")).contains("/console/recipients/" + IDS.get(0).substring(0, 6));
        shot("audit-auditor");
    }

    private WebElement inboxRow() {
        return browser.findElements(By.cssSelector("#inbox tbody tr")).stream()
                .filter(row -> row.getText().contains(program)).findFirst()
                .orElseThrow(() -> new AssertionError("the batch of " + program + " is not in the inbox: "
                        + browser.findElement(By.tagName("main")).getText()));
    }

    private void signInAs(String user) {
        browser.manage().deleteAllCookies();
        browser.get(url("/login"));
        signIn(user, "demo");
        awaitHome();
    }

    /** Fills a file form's month and file, then submits it. */
    private static void upload(String fileField, String monthField, String month, String name, String content,
                               String form) throws java.io.IOException {
        Path file = Files.createTempDirectory("upload").resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        setMonth(monthField, month);
        browser.findElement(By.id(fileField)).sendKeys(file.toString());
        browser.findElement(By.cssSelector("#" + form + " button[type=submit]")).click();
    }

    /** Sets a date or month field as a user's picker would (typing into them depends on the browser's locale). */
    private static void setDate(String id, LocalDate date) {
        setValue(id, date.toString());
    }

    private static void setMonth(String id, String month) {
        setValue(id, month);
    }

    private static void setValue(String id, String value) {
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "document.getElementById(arguments[0]).value = arguments[1];", id, value);
    }

    private static String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private static void awaitText(String id, String part) {
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(d -> !d.findElements(By.id(id)).isEmpty()
                && d.findElement(By.id(id)).getText().contains(part));
    }

    private static void awaitChart(String id) {
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> "true".equals(
                d.findElement(By.id(id)).getDomAttribute("data-rendered")));
        assertThat(browser.findElements(By.cssSelector("#" + id + " canvas"))).isNotEmpty();
    }

    /** A page fetched with the browser's session, as a download would be. */
    private byte[] download(String href) {
        String session = browser.manage().getCookieNamed("JSESSIONID").getValue();
        HttpRequest request = HttpRequest.newBuilder(URI.create(href)).header("Cookie", "JSESSIONID=" + session)
                .GET().build();
        try {
            HttpResponse<byte[]> response = java.net.http.HttpClient.newHttpClient().send(request,
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).isEqualTo(200);
            return response.body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private String get(String path) {
        return new String(download(url(path)), StandardCharsets.UTF_8);
    }
}
