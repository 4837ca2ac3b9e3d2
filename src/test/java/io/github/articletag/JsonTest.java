package io.github.articletag;

import io.github.articletag.testing.TestDatabaseExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What the repositories return, serialized as an application serializes it: a plain Jackson 2 ObjectMapper and a
 * plain Jackson 3 JsonMapper, no module registered, after the session that loaded it has closed.
 */
@ExtendWith(TestDatabaseExtension.class)
class JsonTest {

    private static final com.fasterxml.jackson.databind.ObjectMapper JACKSON_2 =
            new com.fasterxml.jackson.databind.ObjectMapper();
    private static final tools.jackson.databind.json.JsonMapper JACKSON_3 = new tools.jackson.databind.json.JsonMapper();

    private Database database;
    private int spring;
    private int cjk;

    @BeforeEach
    void twoArticles(Database database) {
        this.database = database;
        // Text beyond the BMP: an emoji tag, and a title and tag with U+20BB7 (𠮷) and U+29E3D.
        spring = database.articles().save(withTags("Spring \"Boot\" 🍃", "spring", "java", "🍕")).getId();
        cjk = database.articles().save(withTags("𠮷野家の𩸽", "java", "𠮷")).getId();
    }

    @Test
    void anArticleWithItsTagsListsThemByNameWithoutTheirArticles() throws Exception {
        Article article = database.articles().findWithTags(spring).orElseThrow();
        assertJson("{\"id\":" + spring + ",\"title\":\"Spring \\\"Boot\\\" 🍃\",\"tags\":["
                + tag("java") + "," + tag("spring") + "," + tag("🍕") + "]}", article);
    }

    @Test
    void aPageOfTaggedArticlesHasItsItemsAndItsCursor() throws Exception {
        Page<Article> first = database.articles().findTagged("JAVA", null, 1);
        assertJson("{\"items\":[{\"id\":" + spring + ",\"title\":\"Spring \\\"Boot\\\" 🍃\",\"tags\":["
                + tag("java") + "," + tag("spring") + "," + tag("🍕") + "]}],\"next\":\"" + first.next() + "\"}", first);
        Page<Article> last = database.articles().findTagged("java", first.next(), 1);
        assertJson("{\"items\":[{\"id\":" + cjk + ",\"title\":\"𠮷野家の𩸽\",\"tags\":[" + tag("java") + ","
                + tag("𠮷") + "]}],\"next\":null}", last);
    }

    @Test
    void aTagWithItsArticlesListsThemWithoutTheirTags() throws Exception {
        Tag java = database.tags().findWithArticles(id("java"), 10).orElseThrow();
        assertJson("{\"id\":" + id("java") + ",\"name\":\"java\",\"articles\":[{\"id\":" + spring
                + ",\"title\":\"Spring \\\"Boot\\\" 🍃\"},{\"id\":" + cjk + ",\"title\":\"𠮷野家の𩸽\"}]}", java);
    }

    @Test
    void aTagLoadedWithoutItsArticlesLeavesThemOut() throws Exception {
        assertJson(tag("𠮷"), database.tags().findByName("𠮷").orElseThrow());
    }

    @Test
    void newObjectsLinkedBothWaysSerializeWithoutACycle() throws Exception {
        Article article = new Article("unsaved");
        Tag tag = new Tag("draft");
        article.addTag(tag);
        assertJson("{\"id\":null,\"title\":\"unsaved\",\"tags\":[{\"id\":null,\"name\":\"draft\"}]}", article);
        assertJson("{\"id\":null,\"name\":\"draft\",\"articles\":[{\"id\":null,\"title\":\"unsaved\"}]}", tag);
    }

    @Test
    void summariesCountsSuggestionsAndRelatedArticlesAreTheirRecordsComponents() throws Exception {
        assertJson("{\"items\":[{\"id\":" + spring + ",\"title\":\"Spring \\\"Boot\\\" 🍃\",\"tagNames\":"
                        + "[\"java\",\"spring\",\"🍕\"]},{\"id\":" + cjk + ",\"title\":\"𠮷野家の𩸽\",\"tagNames\":"
                        + "[\"java\",\"𠮷\"]}],\"next\":null}",
                database.articles().summarizeTagged("java", null, 10));
        assertJson("[{\"id\":" + id("java") + ",\"name\":\"java\",\"articles\":2}]",
                database.tags().mostUsed(1));
        assertJson("[{\"id\":" + id("🍕") + ",\"name\":\"🍕\",\"articles\":1}]", database.tags().suggest("🍕", 5));
        assertJson("[{\"id\":" + cjk + ",\"title\":\"𠮷野家の𩸽\",\"sharedTags\":1}]",
                database.articles().findRelated(spring, 5));
        assertJson("2", database.articles().count(TagQuery.withAll("java"), 1000));
    }

    @Test
    void aliasesArePagesOfNames() throws Exception {
        database.tags().addAlias(id("java"), "Jakarta ☕");
        assertJson("{\"items\":[\"Jakarta ☕\"],\"next\":null}", database.tags().aliases(id("java"), null, 10));
    }

    private static Article withTags(String title, String... names) {
        Article article = new Article(title);
        for (String name : names) {
            article.addTag(new Tag(name));
        }
        return article;
    }

    private int id(String name) {
        return database.tags().findByName(name).orElseThrow().getId();
    }

    private String tag(String name) {
        return "{\"id\":" + id(name) + ",\"name\":\"" + name + "\"}";
    }

    /** Both Jacksons write exactly {@code expected}. */
    private static void assertJson(String expected, Object value) throws Exception {
        assertEquals(expected, JACKSON_2.writeValueAsString(value), "Jackson 2");
        assertEquals(expected, JACKSON_3.writeValueAsString(value), "Jackson 3");
    }
}
