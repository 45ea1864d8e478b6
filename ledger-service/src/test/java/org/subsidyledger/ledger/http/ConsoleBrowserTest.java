package org.subsidyledger.ledger.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;

/** The console's frame in a real browser: sign-in and out, who is signed in, masking notice, CSRF. */
class ConsoleBrowserTest extends BrowserTestBase {

    @Test
    void aDistrictClerkSignsInAndSeesTheirNameRoleAndRegionThenSignsOut() throws Exception {
        browser.manage().deleteAllCookies();
        browser.get(url("/"));
        assertThat(browser.getCurrentUrl()).as("signed out: the sign-in page").contains("/login");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("补贴发放与追回审计账本");
        shot("login");

        signIn("clerk-650102", "wrong");
        awaitUrl("/login?error");
        assertThat(browser.findElement(By.cssSelector("[role=alert]")).getText()).isEqualTo("用户名或密码错误，请重试。");

        signIn("clerk-650102", "demo");
        awaitHome();
        assertThat(browser.findElement(By.id("user-name")).getText()).isEqualTo("clerk-650102");
        assertThat(browser.findElement(By.id("user-roles")).getText()).isEqualTo("经办员");
        assertThat(browser.findElement(By.id("user-scope")).getText()).isEqualTo("天山区（650102）");
        assertThat(browser.findElement(By.id("role-CLERK")).getText()).contains("上传月度发放批次");
        assertThat(browser.findElements(By.className("masked-note"))).isEmpty();
        shot("home-clerk");

        browser.findElement(By.id("sign-out")).click();
        awaitUrl("/login?logout");
        assertThat(browser.findElement(By.cssSelector("[role=status]")).getText()).isEqualTo("您已安全退出。");
        browser.get(url("/"));
        assertThat(browser.getCurrentUrl()).as("the session ended").contains("/login");
    }

    @Test
    void anEvaluatorIsToldThatPersonalDataIsMaskedAndAnUnscopedUserSeesAllRegions() {
        browser.manage().deleteAllCookies();
        browser.get(url("/login"));
        signIn("evaluator", "demo");
        awaitHome();
        assertThat(browser.findElement(By.id("user-roles")).getText()).isEqualTo("评价人员");
        assertThat(browser.findElement(By.id("user-scope")).getText()).isEqualTo("全部区域");
        assertThat(browser.findElement(By.className("masked-note")).getText()).contains("已脱敏");
        shot("home-evaluator");
        browser.findElement(By.id("sign-out")).click();
        awaitUrl("/login?logout");
    }

    @Test
    void aFormPostedWithoutItsCsrfTokenIsRefusedWhileTheApiKeepsBasicAuthentication() {
        browser.manage().deleteAllCookies();
        browser.get(url("/login"));
        signIn("inspector", "demo");
        awaitHome();
        Cookie session = browser.manage().getCookieNamed("JSESSIONID");
        assertThat(session).as("a browser session").isNotNull();
        // the session's cookie alone, without the form's token: refused, and the session is still signed in
        Answer forged = send(HttpRequest.newBuilder(java.net.URI.create(url("/logout")))
                .header("Cookie", "JSESSIONID=" + session.getValue())
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(forged.status()).as(forged.text()).isEqualTo(403);
        assertThat(forged.text()).contains("缺少安全令牌");
        browser.get(url("/"));
        assertThat(browser.findElement(By.id("user-name")).getText()).isEqualTo("inspector");
        // API clients: HTTP Basic, no session, no token
        Answer api = get("inspector", "/api/v1/programs").expect(200);
        assertThat(api.raw().headers().firstValue("Set-Cookie")).isEmpty();
        browser.findElement(By.id("sign-out")).click();
        awaitUrl("/login?logout");
    }
}
