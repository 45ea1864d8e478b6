package org.subsidyledger.ledger.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The console in a real browser: Debian's Chromium, headless, driven by Selenium through Debian's chromedriver
 * ({@code .ci/run} installs both when missing), at the office's usual 1366×768. Screenshots of each page go to
 * {@code target/console-screenshots} (docs/console.md shows them).
 */
class ConsoleBrowserTest extends HttpTestBase {

    private static WebDriver browser;
    private static Path userData;
    private static final Path SHOTS = Path.of("target", "console-screenshots");

    @BeforeAll
    static void startChromium() throws Exception {
        userData = Files.createTempDirectory("chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic",
                "--disable-dev-shm-usage", "--lang=zh-CN", "--user-data-dir=" + userData);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new java.io.File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().window().setSize(new Dimension(1366, 768));
        browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    static void stopChromium() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        try (var files = Files.walk(userData)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

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

    /** Waits for the navigation a click started (a click returns before the next page has loaded). */
    private static void awaitUrl(String part) {
        new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(10))
                .until(org.openqa.selenium.support.ui.ExpectedConditions.urlContains(part));
    }

    /** Waits for the home page a sign-in leads to. */
    private static void awaitHome() {
        new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(10)).until(
                org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated(By.id("user-name")));
    }

    private void signIn(String user, String password) {
        browser.findElement(By.id("username")).clear();
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("sign-in")).click();
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private static void shot(String name) throws RuntimeException {
        try {
            Files.write(SHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
