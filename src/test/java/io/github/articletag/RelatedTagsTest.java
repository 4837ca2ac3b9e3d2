package io.github.articletag;

import io.github.articletag.testing.TestDatabase;
import io.github.articletag.testing.TestDatabaseExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The tags that occur most often with a tag, or with a set of tags. */
@ExtendWith(TestDatabaseExtension.class)
class RelatedTagsTest {

    /** Article i (1..60) carries "all", "mod2" if i is even, "mod3" if divisible by 3, "mod5" if by 5. */
    private static void importArticles(Database database) {
        database.articles().importArticles(IntStream.rangeClosed(1, 60).mapToObj(i -> {
            List<String> names = new ArrayList<>(List.of("all"));
            if (i % 2 == 0) names.add("mod2");
            if (i % 3 == 0) names.add("mod3");
            if (i % 5 == 0) names.add("mod5");
            return new NewArticle("article " + i, names);
        }).toList());
    }

    @Test
    void theTagsMostOftenOnTheSameArticlesComeFirst(Database database) {
        importArticles(database);
        TagRepository tags = database.tags();

        assertEquals(List.of("all=30", "mod3=10", "mod5=6"), shown(tags.related("MOD2", 10)));
        assertEquals(List.of("all=10", "mod5=2"), shown(tags.related(List.of("mod2", "mod3"), 10)),
                "narrowed down to the articles carrying both");
        assertEquals(List.of("all=30"), shown(tags.related("mod2", 1)));
        assertEquals(List.of(), tags.related(List.of("mod2", "no such tag"), 10));
    }

    @Test
    void anAliasNamesItsTag(Database database) {
        importArticles(database);
        TagRepository tags = database.tags();
        tags.addAlias(tags.findByName("mod5").orElseThrow().getId(), "five");

        assertEquals(shown(tags.related("mod5", 10)), shown(tags.related("five", 10)));
        assertEquals(List.of("mod2=6", "mod3=4"), shown(tags.related(List.of("all", "five", "mod5"), 10)),
                "an alias and its tag are one tag of the set");
    }

    @Test
    void onATagOnMoreArticlesThanTheSampleTheNewestOnesAreCounted(TestDatabase db, Database database) {
        // 2,500 articles carry "big"; only the first 500 also carry "old", so the newest 2,000 never do.
        database.articles().importArticles(IntStream.rangeClosed(1, 2500).mapToObj(i -> new NewArticle("a" + i,
                i <= 500 ? List.of("big", "old") : List.of("big", "new"))).toList());

        assertEquals(List.of("new=2000"), shown(database.tags().related("big", 10)));
    }

    @Test
    void badArgumentsAreRefusedByName(Database database) {
        assertEquals("at least one tag name is needed",
                assertThrows(IllegalArgumentException.class, () -> database.tags().related(List.of(), 10)).getMessage());
        assertEquals("size must be 1 to 1000, was 0",
                assertThrows(IllegalArgumentException.class, () -> database.tags().related("a", 0)).getMessage());
    }

    private static List<String> shown(List<TagCount> counts) {
        return counts.stream().map(count -> count.name() + "=" + count.articles()).toList();
    }
}
