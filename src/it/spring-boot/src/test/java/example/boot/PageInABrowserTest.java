package example.boot;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mysql.MySQLContainer;
import org.testcontainers.utility.DockerImageName;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The example's page in headless Chromium (Debian's {@code chromium} and {@code chromium-driver}), as a person
 * uses it: completing a tag from what they type, seeing the tag on the article and its count in the cloud change,
 * paging to the end, narrowing by a tag, and text beyond the BMP shown as typed. The last screen is kept in
 * {@code target/page.png}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Testcontainers
class PageInABrowserTest {

    @Container
    @ServiceConnection
    static final MySQLContainer MYSQL = new MySQLContainer(DockerImageName
            .parse(System.getProperty("articletag.test.image", "mysql:9.7")).asCompatibleSubstituteFor("mysql"));

    /** A title and a tag with emoji and CJK beyond the Basic Multilingual Plane (𠮷 is U+20BB7). */
    private static final String NOODLES = "拉麵 🍜 at 𠮷野家";
    private static final String NOODLE_TAG = "𠮷野家🍜";

    private static WebDriver browser;

    @LocalServerPort
    int port;

    @BeforeAll
    static void openBrowser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("articletag.test.chromium", "/usr/bin/chromium"));
        // root in a container has no sandbox to enter; /dev/shm there is small
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1200,900",
                "--lang=en");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("articletag.test.chromedriver",
                        "/usr/bin/chromedriver")))
                .build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aPersonCompletesATagPagesToTheEndAndNarrowsByATag() throws Exception {
        for (int i = 1; i <= 11; i++) {
            publish("Article " + i, i % 4 == 0 ? List.of("java", "jpa") : i % 3 == 0 ? List.of("spring") : List.of());
        }
        publish(NOODLES, List.of(NOODLE_TAG));
        browser.get("http://localhost:" + port + "/");
        // The page replaces an article's element when it changes: an element read as it goes is read again.
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
        wait.ignoring(StaleElementReferenceException.class);
        wait.until(page -> titles().size() == 5);
        assertEquals("2", cloudCount("java"), "two articles were tagged java");

        // Type a prefix in the first article's tag field and pick the completion.
        WebElement first = articles().get(0);
        assertEquals("Article 1", first.findElement(By.className("title")).getText());
        first.findElement(By.className("tag-input")).sendKeys("ja");
        By javaCompletion = By.cssSelector("li.article[data-id='" + first.getDomAttribute("data-id")
                + "'] .completions li[data-name='java']");
        wait.until(page -> !page.findElements(javaCompletion).isEmpty());
        assertEquals("java (2)", browser.findElement(javaCompletion).getText());
        browser.findElement(javaCompletion).click();
        wait.until(page -> tagsOf(0).equals(List.of("java")) && "3".equals(cloudCount("java")));

        // Remove it again with its ×.
        articles().get(0).findElement(By.cssSelector(".tag[data-name='java'] .remove")).click();
        wait.until(page -> tagsOf(0).isEmpty() && "2".equals(cloudCount("java")));

        // A typed tag list adds each of its names; a name in quotes keeps its space.
        articles().get(1).findElement(By.className("tag-input")).sendKeys("jpa, \"spring boot\"\n");
        wait.until(page -> tagsOf(1).equals(List.of("jpa", "spring boot")) && "3".equals(cloudCount("jpa")));

        // Follow "next" to the end: every article once, in order.
        List<String> seen = new ArrayList<>(titles());
        while (browser.findElement(By.id("next")).isEnabled()) {
            List<String> before = titles();
            browser.findElement(By.id("next")).click();
            wait.until(page -> !titles().equals(before));
            seen.addAll(titles());
        }
        List<String> expected = new ArrayList<>(IntStream.rangeClosed(1, 11).mapToObj(i -> "Article " + i).toList());
        expected.add(NOODLES);
        assertEquals(expected, seen);

        // Text beyond the BMP, as typed: the title, its tag, and a completion of the CJK prefix on another article.
        WebElement noodles = articles().get(titles().indexOf(NOODLES));
        assertEquals(NOODLES, noodles.findElement(By.className("title")).getText());
        assertEquals(List.of(NOODLE_TAG), tagsOf(titles().indexOf(NOODLES)));
        int other = titles().indexOf("Article 11");
        // ChromeDriver types characters of the BMP only: 𠮷 comes as an input method commits it.
        articles().get(other).findElement(By.className("tag-input")).click();
        ((ChromeDriver) browser).executeCdpCommand("Input.insertText", Map.of("text", "𠮷"));
        By noodleCompletion = By.cssSelector("li.article:nth-child(" + (other + 1) + ") .completions li");
        wait.until(page -> !page.findElements(noodleCompletion).isEmpty());
        assertEquals(NOODLE_TAG + " (1)", browser.findElement(noodleCompletion).getText());
        browser.findElement(noodleCompletion).click();
        wait.until(page -> tagsOf(other).equals(List.of(NOODLE_TAG)) && "2".equals(cloudCount(NOODLE_TAG)));

        // Narrow by clicking the tag in the cloud: only its articles, and the filter says so.
        browser.findElement(By.cssSelector("#cloud li[data-name='" + NOODLE_TAG + "'] .narrow")).click();
        wait.until(page -> titles().equals(List.of("Article 11", NOODLES)));
        assertEquals(NOODLE_TAG + " ×", browser.findElement(By.cssSelector("#filter .filter-tag")).getText());
        assertFalse(browser.findElement(By.id("next")).isEnabled(), "one page");
        assertTrue(browser.findElement(By.id("error")).getDomAttribute("hidden") != null, "no error shown");

        Path screenshot = Path.of("target", "page.png");
        Files.createDirectories(screenshot.getParent());
        Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), screenshot,
                StandardCopyOption.REPLACE_EXISTING);
    }

    private List<WebElement> articles() {
        return browser.findElements(By.cssSelector("#articles > li.article"));
    }

    private List<String> titles() {
        return articles().stream().map(article -> article.findElement(By.className("title")).getText()).toList();
    }

    /** The names on the article at {@code index} in the listing, as shown. */
    private List<String> tagsOf(int index) {
        return articles().get(index).findElements(By.cssSelector(".tags .narrow")).stream()
                .map(WebElement::getText).toList();
    }

    /** The count the cloud shows beside {@code name}, or null if the cloud does not show it. */
    private String cloudCount(String name) {
        return browser.findElements(By.cssSelector("#cloud li[data-name='" + name + "'] .count")).stream()
                .map(WebElement::getText).findFirst().orElse(null);
    }

    private void publish(String title, List<String> tags) throws Exception {
        String json = "{\"title\":\"" + title + "\",\"tagNames\":[" + String.join(",",
                tags.stream().map(tag -> "\"" + tag + "\"").toList()) + "]}";
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/articles"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, response.statusCode(), response.body());
    }
}
