package org.subsidyledger.ledger.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Rules 9–11 in a real browser: a district's clerk finds an overdue recipient on the 生存认证 work list, records their
 * certification from the row, and then finds the months withheld meanwhile, with a 调标's differences, on 待补发.
 */
class EntitlementBrowserTest extends BrowserTestBase {

    @Test
    void aClerkRecordsACertificationFromTheWorkListAndFindsTheArrearsItReleased() {
        String code = ("BCERT-" + UUID.randomUUID().toString().substring(0, 8)).toUpperCase();
        post("admin", "/api/v1/programs", """
                {"code":"%s","name":"高龄津贴","region":"650100","monthlyStandard":"120.00","deadlineDay":25,\
                "reviewLevels":3,"certificationMonths":12}""".formatted(code)).expect(201);
        String late = syntheticId(9370);
        String other = syntheticId(9371);
        post("clerk", "/api/v1/programs/" + code + "/enrolments", """
                {"effectiveFrom":"2023-01","recipients":[{"id":"%s","name":"受益人9370","region":"650102"},
                 {"id":"%s","name":"受益人9371","region":"650102"}]}""".formatted(late, other)).expect(201);
        payMonth(code, 1, java.util.List.of(late, other));
        post("admin", "/api/v1/programs/" + code + "/standards",
                "{\"from\":\"2023-01\",\"monthlyStandard\":\"125.00\",\"reason\":\"2023年调标\"}").expect(201);
        String month = YearMonth.now(ZoneId.of("Asia/Shanghai")).toString();
        eventually(() -> get("clerk", "/api/v1/certifications/due?program=" + code + "&month=" + month).json()
                .path("total").asInt() == 2);

        browser.manage().deleteAllCookies();
        browser.get(url("/login"));
        signIn("clerk-650102", "demo");
        awaitHome();
        browser.findElement(By.linkText("生存认证")).click();
        awaitUrl("/console/certifications");
        browser.get(url("/console/certifications?program=" + code + "&month=" + month));
        assertThat(browser.findElement(By.id("due-by-region")).getText()).contains("650102", "2");
        WebElement row = browser.findElement(By.xpath("//table[@id='due']//tr[td[text()='" + late + "']]"));
        assertThat(row.getText()).contains("未认证", "2024-02", "已暂停");
        shot("certifications");

        row.findElement(By.cssSelector("select[name=method]")).sendKeys("入户");
        row.findElement(By.cssSelector("button.certify")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.presenceOfElementLocated(By.id("flash")));
        assertThat(browser.findElement(By.id("flash")).getText()).contains("已登记认证", "个月转为待补发");
        assertThat(browser.findElement(By.id("due")).getText()).contains(other).doesNotContain(late);

        browser.findElement(By.linkText("待补发")).click();
        awaitUrl("/console/arrears");
        WebElement program = browser.findElement(By.id("f-program"));
        program.sendKeys(code);
        browser.findElement(By.id("f-recipient")).sendKeys(late);
        browser.findElement(By.cssSelector("#arrear-filters button[type=submit]")).click();
        awaitUrl("recipient=" + late);
        String table = browser.findElement(By.id("arrears")).getText();
        assertThat(table).contains("调标补差", "暂停期间应发", "2023-01", "2024-02", "5.00", "125.00");
        assertThat(browser.findElement(By.id("arrear-totals")).getText()).contains("待补发");
        shot("arrears");
    }
}
