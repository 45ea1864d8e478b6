package org.subsidyledger.ledger.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The 两上两下 queue in a real browser: a town's inspector dismisses a suspected death from the console. */
class VerificationBrowserTest extends BrowserTestBase {

    @Test
    void aTownsInspectorDismissesASuspectedDeathFromTheQueue() {
        String code = newProgram("BQUEUE");
        String id = syntheticId(9350);
        post("clerk", "/api/v1/programs/" + code + "/enrolments", """
                {"effectiveFrom":"2023-01","recipients":[{"id":"%s","name":"受益人9350","region":"650102001"}]}"""
                .formatted(id)).expect(201);
        String comparison = postFile("inspector", "/api/v1/death-comparisons?verify=true", "比对.csv",
                ("身份证号,姓名,死亡日期,数据来源\n" + id + ",受益人9350,2023-01-10,公安\n")
                        .getBytes(StandardCharsets.UTF_8), null).expect(201).json().get("comparisonId").asText();
        eventually(() -> get("inspector", "/api/v1/suspected-facts?comparison=" + comparison).json().path("total")
                .asInt() == 1);
        String suspect = get("inspector", "/api/v1/suspected-facts?comparison=" + comparison).json().get("items")
                .get(0).get("id").asText();

        browser.manage().deleteAllCookies();
        browser.get(url("/login"));
        signIn("inspector-650102", "demo");
        awaitHome();
        browser.findElement(By.linkText("两上两下核实")).click();
        awaitUrl("/console/suspected-facts");
        WebElement row = browser.findElement(By.id("suspect-" + suspect));
        assertThat(row.getText()).contains(id, "疑似死亡", "公安", "待核实");
        shot("suspected-facts");

        row.findElement(By.id("reason-" + suspect)).sendKeys("入户核实，本人健在");
        row.findElement(By.cssSelector("button.dismiss")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.presenceOfElementLocated(By.id("flash")));
        assertThat(browser.findElement(By.id("flash")).getText()).contains("已排除");
        assertThat(browser.findElements(By.id("suspect-" + suspect))).as("no longer open").isEmpty();
        assertThat(get("inspector", "/api/v1/suspected-facts?comparison=" + comparison).json().get("items").get(0)
                .get("status").asText()).isEqualTo("DISMISSED");
        shot("suspected-facts-dismissed");
    }
}
