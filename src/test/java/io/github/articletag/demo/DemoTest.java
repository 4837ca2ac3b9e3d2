package io.github.articletag.demo;

import io.github.articletag.internal.Schema;
import io.github.articletag.testing.LogCapture;
import io.github.articletag.testing.TestDatabase;
import io.github.articletag.testing.TestDatabaseExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo prints the tutorial's tables, exactly. */
@ExtendWith(TestDatabaseExtension.class)
class DemoTest {

    private static final String TUTORIAL_OUTPUT = """
            mysql> select * from article;
            +----+----------+
            | id | title    |
            +----+----------+
            |  1 | article1 |
            |  2 | article2 |
            +----+----------+

            mysql> select * from tag;
            +----+------+
            | id | name |
            +----+------+
            |  1 | tag1 |
            |  2 | tag2 |
            +----+------+

            mysql> select * from article_tag;
            +------------+--------+
            | article_id | tag_id |
            +------------+--------+
            """;

    @Test
    void printsTheTutorialsTables(TestDatabase db) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        Demo.run(db.settings(), new PrintStream(out, true, StandardCharsets.UTF_8));

        String printed = out.toString(StandardCharsets.UTF_8);
        String schema = db.schemaName();
        String header = "Tables_in_" + schema;
        String line = "+-" + "-".repeat(header.length()) + "-+\n";
        StringBuilder tables = new StringBuilder();
        Schema.TABLES.stream().sorted().forEach(table -> tables.append(String.format("| %-" + header.length() + "s |%n",
                table)));
        String tableList = "mysql> show tables;\n" + line + "| " + header + " |\n" + line + tables + line + "\n";
        assertTrue(printed.startsWith(tableList + TUTORIAL_OUTPUT), printed);
        // The link rows may come in any order (the tutorial's MySQL read them through the tag_id index).
        String links = printed.substring((tableList + TUTORIAL_OUTPUT).length());
        assertEquals(4 + 1, links.lines().filter(l -> !l.isEmpty()).count(), links);
        for (String row : new String[] {
            "|          1 |      1 |", "|          2 |      1 |", "|          1 |      2 |", "|          2 |      2 |"}) {
            assertTrue(links.contains(row + "\n"), "missing " + row + " in\n" + links);
        }
        assertTrue(links.endsWith("+------------+--------+\n\n"), links);
    }

    @Test
    void aFirstRunOnAnEmptyDatabaseLogsNoWarning(TestDatabase db) throws Exception {
        db.database().dropSchema();
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        String logged = LogCapture.during(() -> Demo.run(db.settings(), new PrintStream(out, true, StandardCharsets.UTF_8)));

        assertEquals(List.of(), LogCapture.warnings(logged));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("|  2 | tag2 |"), out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void argumentsWinOverTheEnvironment() {
        var settings = Demo.settingsFrom(
                new String[] {"--url", "jdbc:mysql://db:3306/x", "--user", "me"},
                Map.of("DB_URL", "jdbc:mysql://other:3306/y", "DB_PASSWORD", "from-env"));

        assertEquals("jdbc:mysql://db:3306/x", settings.orElseThrow().url());
        assertEquals("me", settings.orElseThrow().user());
        assertEquals("from-env", settings.orElseThrow().password());
    }

    @Test
    void withoutUrlTheDemoUsesTheEmbeddedServer() {
        assertTrue(Demo.settingsFrom(new String[0], Map.of()).isEmpty());
    }

    @Test
    void anUnknownArgumentIsRejectedByName() {
        assertEquals("unknown argument --host", assertThrows(IllegalArgumentException.class,
                () -> Demo.settingsFrom(new String[] {"--host", "x"}, Map.of())).getMessage());
    }
}
