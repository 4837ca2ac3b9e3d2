package example.boot;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mysql.MySQLContainer;
import org.testcontainers.utility.DockerImageName;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLTransientConnectionException;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole application over real HTTP against MySQL: Boot's DataSource from the container, Boot's Flyway running
 * the library's migrations, the library's auto-configured repositories behind a REST controller, Boot's own
 * Jackson writing what they return.
 */
// HikariCP's shortest wait for a connection, so that a busy pool answers within the test's patience.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.datasource.hikari.connection-timeout=250")
@Testcontainers
class TaggingApplicationTest {

    @Container
    @ServiceConnection
    static final MySQLContainer MYSQL = new MySQLContainer(DockerImageName
            .parse(System.getProperty("articletag.test.image", "mysql:9.7")).asCompatibleSubstituteFor("mysql"));

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @Test
    void publishTagPageThroughATagAndCompleteOverHttp() throws Exception {
        Response created = post("/articles", "{\"title\":\"Spring and JPA\",\"tagNames\":[\"spring\",\"jpa\"]}");
        assertEquals(201, created.status(), created.body());
        int first = id(created.body());
        int spring = tagId("spring");
        int jpa = tagId("jpa");
        assertEquals("{\"id\":" + first + ",\"title\":\"Spring and JPA\",\"tags\":[{\"id\":" + jpa
                + ",\"name\":\"jpa\"},{\"id\":" + spring + ",\"name\":\"spring\"}]}", created.body());

        int second = id(post("/articles", "{\"title\":\"Tags in 🍕 land\",\"tagNames\":[\"🍕\"]}").body());
        Response tagged = post("/articles/" + second + "/tags?tags=" + query("SPRING, \"𠮷 野家\""), "");
        assertEquals(200, tagged.status(), tagged.body());
        int cjk = tagId("𠮷 野家");
        assertEquals("{\"id\":" + second + ",\"title\":\"Tags in 🍕 land\",\"tags\":[{\"id\":" + spring
                + ",\"name\":\"spring\"},{\"id\":" + tagId("🍕") + ",\"name\":\"🍕\"},{\"id\":" + cjk
                + ",\"name\":\"𠮷 野家\"}]}", tagged.body(), "an existing tag reused whatever its case");

        Response page = get("/tags/Spring/articles?size=1");
        Matcher next = Pattern.compile("\"next\":\"([^\"]+)\"").matcher(page.body());
        assertTrue(next.find(), page.body());
        assertEquals("{\"items\":[{\"id\":" + first + ",\"title\":\"Spring and JPA\",\"tags\":[{\"id\":" + jpa
                + ",\"name\":\"jpa\"},{\"id\":" + spring + ",\"name\":\"spring\"}]}],\"next\":\"" + next.group(1)
                + "\"}", page.body());
        Response last = get("/tags/spring/articles?size=1&after=" + query(next.group(1)));
        assertTrue(last.body().startsWith("{\"items\":[{\"id\":" + second + ","), last.body());
        assertTrue(last.body().endsWith("]}],\"next\":null}"), last.body());

        assertEquals("[{\"id\":" + spring + ",\"name\":\"spring\",\"articles\":2},{\"id\":" + cjk
                        + ",\"name\":\"𠮷 野家\",\"articles\":1}]", get("/tags/cloud?size=2").body());
        assertEquals("[{\"id\":" + spring + ",\"name\":\"spring\",\"articles\":2}]",
                get("/tags/suggestions?prefix=SP").body());

        Response untagged = delete("/articles/" + second + "/tags/" + path("𠮷 野家"));
        assertEquals("{\"id\":" + second + ",\"title\":\"Tags in 🍕 land\",\"tags\":[{\"id\":" + spring
                + ",\"name\":\"spring\"},{\"id\":" + tagId("🍕") + ",\"name\":\"🍕\"}]}", untagged.body());
    }

    @Test
    void theApplicationsOwnPostsAndProductsAreTaggedAndCountedPerType() throws Exception {
        Response created = post("/posts", "{\"title\":\"Own post\",\"body\":\"With 🍕 and 𠮷\",\"author\":\"ana\","
                + "\"publishedAt\":\"2026-12-01T10:15:30Z\",\"tags\":[\"boot\",\"own\"]}");
        assertEquals(201, created.status(), created.body());
        long post = id(created.body());
        int boot = tagId("boot");
        int own = tagId("own");
        assertEquals("{\"id\":" + post + ",\"title\":\"Own post\",\"body\":\"With 🍕 and 𠮷\",\"author\":\"ana\","
                + "\"publishedAt\":\"2026-12-01T10:15:30Z\",\"version\":0,\"tags\":[{\"id\":" + boot
                + ",\"name\":\"boot\"},{\"id\":" + own + ",\"name\":\"own\"}]}", get("/posts/" + post).body());

        Response product = post("/products", "{\"sku\":\"MUG-1\",\"price\":9.5,\"tags\":[\"BOOT\"]}");
        assertEquals(201, product.status(), product.body());
        assertTrue(product.body().endsWith(",\"tags\":[{\"id\":" + boot + ",\"name\":\"boot\"}]}"), product.body());

        Response tagged = post("/posts/" + post + "/tags?tags=" + query("\"spring boot\""), "");
        assertTrue(tagged.body().contains("\"name\":\"spring boot\""), tagged.body());
        assertTrue(get("/tags/boot/posts").body().startsWith("{\"items\":[{\"id\":" + post + ","));
        assertTrue(get("/tags/boot/products").body().contains("\"sku\":\"MUG-1\""));
        assertTrue(get("/posts/tags").body().contains("{\"id\":" + boot + ",\"name\":\"boot\",\"articles\":1}"),
                get("/posts/tags").body());
        assertEquals("{\"id\":" + boot + ",\"name\":\"boot\",\"byType\":{\"article\":0,\"post\":1,\"product\":1}}",
                get("/tags/Boot/usage").body());
        assertEquals(404, get("/posts/999999").status());
    }

    @Test
    void badInputAndMissingArticlesAreNamedAndChangeNothing() throws Exception {
        int id = id(post("/articles", "{\"title\":\"Untouched\",\"tagNames\":[\"kept\"]}").body());
        String before = get("/articles/" + id).body();

        Response tooLong = post("/articles/" + id + "/tags?tags=" + query("ok, " + "x".repeat(51)), "");
        assertEquals(400, tooLong.status(), tooLong.body());
        assertTrue(tooLong.body().contains("Tag name") && tooLong.body().contains("50"), tooLong.body());
        assertEquals(before, get("/articles/" + id).body(), "nothing tagged, not even the good name");
        assertEquals("[]", get("/tags/suggestions?prefix=ok").body());

        Response missing = get("/articles/999999");
        assertEquals(404, missing.status());
        assertTrue(missing.body().contains("article 999999 does not exist"), missing.body());
    }

    @Test
    void everyCapIsNamedInItsRefusalAndNothingIsWritten() throws Exception {
        Response page = get("/tags/spring/articles?size=101");
        assertEquals(400, page.status(), page.body());
        assertTrue(page.body().contains("size must be at most 100 here, was 101"), page.body());
        assertEquals(400, get("/tags/suggestions?prefix=s&size=1000").status());

        String twentyOne = IntStream.rangeClosed(1, 21).mapToObj(i -> "\"cap" + i + "\"").collect(Collectors.joining(","));
        Response tooMany = post("/articles", "{\"title\":\"Capped\",\"tagNames\":[" + twentyOne + "]}");
        assertEquals(400, tooMany.status(), tooMany.body());
        assertTrue(tooMany.body().contains("an article may carry at most 20 tags here; this one would carry 21"),
                tooMany.body());
        int id = id(post("/articles", "{\"title\":\"Nearly full\",\"tagNames\":[" + twentyOne.substring(
                twentyOne.indexOf(',') + 1) + "]}").body());
        String before = get("/articles/" + id).body();
        Response oneMore = post("/articles/" + id + "/tags?tags=" + query("CAP2, cap21, one more"), "");
        assertEquals(400, oneMore.status(), oneMore.body());
        assertTrue(oneMore.body().contains("this one would carry 21"), oneMore.body());
        assertEquals(before, get("/articles/" + id).body());
        assertEquals(200, post("/articles/" + id + "/tags?tags=" + query("CAP2, cap21"), "").status(),
                "names it has already do not count twice");
        assertEquals("[]", get("/tags/suggestions?prefix=one").body(), "the refused tag was not created");

        String big = "{\"title\":\"Big\",\"tagNames\":[\"" + "x".repeat(20_000) + "\"]}";
        Response declared = post("/articles", big);
        assertEquals(413, declared.status(), declared.body());
        assertTrue(declared.body().contains("a request body may hold at most 16384 bytes here"), declared.body());
        Response chunked = send(HttpRequest.newBuilder(uri("/articles")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(
                        big.getBytes(StandardCharsets.UTF_8)))));
        assertEquals(413, chunked.status(), chunked.body());
        assertTrue(chunked.body().contains("a request body may hold at most 16384 bytes here"), chunked.body());
        assertEquals(before, get("/articles/" + id).body());
    }

    @Test
    void aBusyDatabaseIsAnswered503WithRetryAfterAndTheNextRequestSucceeds() throws Exception {
        int id = id(post("/articles", "{\"title\":\"Busy\",\"tagNames\":[\"load\"]}").body());
        List<Connection> held = new ArrayList<>();
        try {
            // Every connection of Boot's pool, which the library shares, taken by other work.
            while (held.size() < 100) {
                try {
                    held.add(dataSource.getConnection());
                } catch (SQLTransientConnectionException poolIsEmpty) {
                    break;
                }
            }
            HttpResponse<String> busy = http.send(HttpRequest.newBuilder(uri("/articles/" + id)).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertEquals(503, busy.statusCode(), busy.body());
            assertEquals("1", busy.headers().firstValue("Retry-After").orElse(null), busy.headers().toString());
            assertTrue(busy.body().contains("the database is busy: nothing was changed, try again shortly"),
                    busy.body());
            assertFalse(busy.body().contains("jdbc:"), "no server address for the client: " + busy.body());
        } finally {
            for (Connection connection : held) {
                connection.close();
            }
        }
        assertEquals(200, get("/articles/" + id).status());
    }

    @Test
    void actuatorShowsTheHealthWithoutItsDetailsAndTheLibrarysMeters() throws Exception {
        Response health = get("/actuator/health");
        assertEquals(200, health.status(), health.body());
        // The server's version and the schema's state are for an authorized user only (show-details).
        assertTrue(health.body().endsWith("\"status\":\"UP\"}"), health.body());
        for (String detail : List.of("details", "components", "MySQL", "schema")) {
            assertFalse(health.body().contains(detail), health.body());
        }

        Response retries = get("/actuator/metrics/articletag.retries");
        assertEquals(200, retries.status(), retries.body());
        assertTrue(retries.body().contains("\"tag\":\"cause\",\"values\":["), retries.body());
        for (String meter : List.of("articletag.outcome.unknown", "articletag.optimistic.lock.conflicts",
                "articletag.imported.articles")) {
            assertEquals(200, get("/actuator/metrics/" + meter).status(), meter);
        }
    }

    @Test
    void eachCallOfTheLibraryIsATimerWithPercentilesAndThePoolIsMeasured() throws Exception {
        assertEquals(200, get("/articles?size=5").status());
        assertEquals(400, get("/articles?size=0").status());

        Response calls = get("/actuator/metrics/articletag.call?tag=articletag.repository:articles"
                + "&tag=articletag.call:findPage");
        assertEquals(200, calls.status(), calls.body());
        assertTrue(calls.body().contains("\"statistic\":\"COUNT\""), calls.body());
        assertTrue(calls.body().contains("\"tag\":\"outcome\""), calls.body());
        Response percentiles = get("/actuator/metrics/articletag.call.percentile?tag=articletag.call:findPage"
                + "&tag=phi:0.99");
        assertEquals(200, percentiles.status(), percentiles.body());
        Response pool = get("/actuator/metrics/hikaricp.connections.active");
        assertEquals(200, pool.status(), "the pool the library runs on: " + pool.body());
    }

    @Test
    void bootsFlywayRanTheLibrarysMigrationsThenTheApplications() throws Exception {
        List<String> versions = new ArrayList<>();
        try (var connection = dataSource.getConnection(); var statement = connection.createStatement();
             var history = statement.executeQuery(
                     "SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank")) {
            while (history.next()) {
                versions.add(history.getString(1));
            }
        }
        assertEquals(List.of("1", "2", "3", "4", "10"), versions);
    }

    private record Response(int status, String body) {
    }

    private Response get(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    private Response post(String path, String json) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private Response delete(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    private Response send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Response(response.statusCode(), response.body());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private int tagId(String name) throws Exception {
        Matcher id = Pattern.compile("\"id\":(\\d+),\"name\":\"" + Pattern.quote(name) + "\"")
                .matcher(get("/tags/suggestions?prefix=" + query(name)).body());
        assertTrue(id.find(), name);
        return Integer.parseInt(id.group(1));
    }

    private static int id(String article) {
        Matcher id = Pattern.compile("^\\{\"id\":(\\d+),").matcher(article);
        assertTrue(id.find(), article);
        return Integer.parseInt(id.group(1));
    }

    private static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String path(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
