package io.github.articletag;

import io.github.articletag.testing.TestDatabase;
import io.github.articletag.testing.TestDatabaseExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A merged-away name, or an alias given, keeps leading to its tag on every path that takes a name. */
@ExtendWith(TestDatabaseExtension.class)
class SynonymsTest {

    @Test
    void aMergedAwayNameLeadsToTheKeptTagEverywhere(TestDatabase db, Database database) throws SQLException {
        ArticleRepository articles = database.articles();
        TagRepository tags = database.tags();
        int first = articles.importArticles(List.of(new NewArticle("first", List.of("java8")))).get(0);
        Tag java = tags.findOrCreate("Java");
        tags.merge(tags.findByName("java8").orElseThrow().getId(), java.getId());

        int second = articles.tag(articles.save(new Article("second")).getId(), "JAVA8").getId();
        Article third = new Article("third");
        third.addTag(new Tag("java8"));
        articles.save(third);
        int fourth = articles.importArticles(List.of(new NewArticle("fourth", List.of("Java8", "jpa")))).get(0);

        assertEquals(java.getId(), tags.findOrCreate("java8").getId());
        assertEquals(java.getId(), tags.findByName(" JAVA8 ").orElseThrow().getId());
        assertEquals(Set.of("Java"), Set.copyOf(db.query("SELECT name FROM tag WHERE name LIKE 'java%'").stream()
                .map(row -> (String) row.get(0)).toList()), "no tag java8 made again");
        assertEquals(List.of(first, second, third.getId(), fourth), articles.findTagged("java8", null, 10).items()
                .stream().map(Article::getId).toList());
        assertEquals(4, articles.count(TagQuery.withAll("java8"), 100));
        assertEquals(List.of(fourth), articles.summarize(TagQuery.withAll("jpa", "java8"), null, 10).items().stream()
                .map(ArticleSummary::id).toList());
        assertEquals(List.of(), articles.find(TagQuery.withAll("jpa").andNone("JAVA8"), null, 10).items());
        assertEquals(List.of("java8"), tags.aliases(java.getId(), null, 10).items());

        assertTrue(articles.untag(first, "java8"), "untag by the alias removes the kept tag's link");
        assertEquals(List.of(), db.wrongCounts());
    }

    @Test
    void anArticleNamingATagTwiceThroughAnAliasOrLetterCaseGetsOneLinkOnEveryPath(TestDatabase db, Database database)
            throws SQLException {
        ArticleRepository articles = database.articles();
        TagRepository tags = database.tags();
        Tag java = tags.findOrCreate("java");
        tags.addAlias(java.getId(), "java8");
        List<String> twice = List.of("java", "JAVA8", "Java", "jpa");

        int listed = articles.importArticles(List.of(new NewArticle("listed", twice),
                new NewArticle("listed too", List.of("java8", "java")))).get(0);
        long streamed = articles.importArticles(Stream.of(new NewArticle("streamed", twice)), n -> { });
        int bulk = articles.save(new Article("bulk")).getId();
        assertEquals(2, articles.tagAll(List.of(bulk), twice), "java (once) and jpa");
        int replaced = articles.save(new Article("replaced")).getId();
        Article replacedTags = articles.replaceTags(replaced, twice);

        assertEquals(1, streamed);
        assertEquals(Set.of("java", "jpa"), names(articles.findWithTags(listed).orElseThrow()));
        assertEquals(Set.of("java", "jpa"), names(replacedTags));
        assertEquals(List.of(List.of(5L)), db.query("SELECT COUNT(*) FROM article_tag WHERE tag_id = ?", java.getId()),
                "one link per article: listed, listed too, streamed, bulk, replaced");
        assertEquals(5, articles.count(TagQuery.withAll("java8"), 100), "the kept count");
        assertEquals(List.of(), db.wrongCounts(), "the kept counts count each article once");
    }

    private static Set<String> names(Article article) {
        Set<String> names = new HashSet<>();
        article.getTags().forEach(tag -> names.add(tag.getName()));
        return names;
    }

    @Test
    void aliasesFollowTheirTagIntoTheNextMerge(Database database) {
        TagRepository tags = database.tags();
        Tag a = tags.findOrCreate("a");
        Tag b = tags.findOrCreate("b");
        Tag c = tags.findOrCreate("c");
        tags.merge(a.getId(), b.getId());
        tags.merge(b.getId(), c.getId());

        assertEquals(c.getId(), tags.findByName("a").orElseThrow().getId());
        assertEquals(List.of("a", "b"), tags.aliases(c.getId(), null, 10).items());
        Page<String> first = tags.aliases(c.getId(), null, 1);
        assertEquals(List.of("a"), first.items());
        assertEquals(List.of("b"), tags.aliases(c.getId(), first.next(), 1).items());
        assertEquals(null, tags.aliases(c.getId(), first.next(), 1).next());
    }

    @Test
    void aliasesAreAddedAndRemovedUnderTheIdentityRule(TestDatabase db, Database database) throws SQLException {
        TagRepository tags = database.tags();
        Tag postgres = tags.findOrCreate("PostgreSQL");
        assertEquals(postgres.getId(), tags.addAlias(postgres.getId(), "postgres").getId());
        tags.addAlias(postgres.getId(), "POSTGRES"); // the same alias: no change
        tags.addAlias(postgres.getId(), "Ｐｇ🐘");

        assertEquals(postgres.getId(), tags.findByName("Postgres").orElseThrow().getId());
        assertEquals(postgres.getId(), tags.findByName("ｐｇ🐘").orElseThrow().getId());
        assertEquals(List.of(List.of(2L)), db.query("SELECT COUNT(*) FROM tag_alias"));

        assertTrue(tags.removeAlias(" POSTGRES"));
        assertFalse(tags.removeAlias("postgres"));
        Tag own = tags.findOrCreate("postgres");
        assertTrue(own.getId() != postgres.getId(), "a removed alias is a name like any other again");
    }

    @Test
    void aNameCannotBeBothATagAndAnAlias(TestDatabase db, Database database) throws SQLException {
        TagRepository tags = database.tags();
        Tag kept = tags.findOrCreate("kept");
        Tag other = tags.findOrCreate("other");
        Tag gone = tags.findOrCreate("gone");
        tags.merge(gone.getId(), kept.getId());
        List<List<Object>> before = db.everything();

        assertEquals("tag name 'gone' is an alias of tag " + kept.getId() + " (a merged-away name, or one given with"
                        + " addAlias): use that tag, or remove the alias first",
                assertThrows(IllegalArgumentException.class, () -> tags.rename(other.getId(), "GONE")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> tags.rename(kept.getId(), "gone"),
                "not even to the tag's own alias: remove it first");
        assertEquals("'Other' is the name of tag " + other.getId() + ": merge that tag instead, which keeps its name"
                        + " as an alias",
                assertThrows(IllegalArgumentException.class, () -> tags.addAlias(kept.getId(), "Other")).getMessage());
        Tag third = tags.findOrCreate("third");
        before = db.everything();
        assertThrows(IllegalArgumentException.class, () -> tags.addAlias(third.getId(), "gone"),
                "another tag's alias");
        assertThrows(IllegalArgumentException.class, () -> tags.addAlias(third.getId(), " "));
        assertThrows(java.util.NoSuchElementException.class, () -> tags.addAlias(gone.getId(), "x"));
        assertEquals(before, db.everything(), "each refusal left the database as it was");
        assertEquals(List.of(List.of(1L)), db.query("SELECT COUNT(*) FROM tag_alias"));
    }

    @Test
    void deletingATagDeletesItsAliases(TestDatabase db, Database database) throws SQLException {
        TagRepository tags = database.tags();
        Tag tag = tags.findOrCreate("tag");
        tags.addAlias(tag.getId(), "alias");
        assertTrue(tags.delete(tag.getId()));
        assertEquals(List.of(List.of(0L)), db.query("SELECT COUNT(*) FROM tag_alias"));
        assertTrue(tags.findByName("alias").isEmpty());
    }

    /**
     * Threads tag their articles by the old name, over and over, while it is merged: every link ends on the kept
     * tag, the old tag is never made again, and the counts are exact.
     */
    @Test
    void taggingByTheOldNameWhileTheMergeRunsReachesTheKeptTag(TestDatabase db, Database database) throws Exception {
        ArticleRepository articles = database.articles();
        TagRepository tags = database.tags();
        List<NewArticle> input = new ArrayList<>();
        for (int i = 0; i < 90; i++) {
            input.add(new NewArticle("article " + i, i < 30 ? List.of("kotlin1") : List.of()));
        }
        List<Integer> ids = articles.importArticles(input);
        Tag old = tags.findByName("kotlin1").orElseThrow();
        Tag kept = tags.findOrCreate("kotlin");
        Set<Integer> acknowledged = ConcurrentHashMap.newKeySet(); // the untagged 60, tagged by the old name
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                List<Integer> own = ids.subList(30 + t * 20, 30 + (t + 1) * 20);
                work.add(pool.submit(() -> {
                    for (int id : own) {
                        articles.tag(id, "Kotlin1");
                        acknowledged.add(id);
                    }
                    return null;
                }));
            }
            work.add(pool.submit(() -> {
                Thread.sleep(20);
                return tags.merge(old.getId(), kept.getId());
            }));
            for (Future<?> future : work) {
                future.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals(60, acknowledged.size());
        assertEquals(List.of(List.of(90L)), db.query("SELECT COUNT(*) FROM article_tag WHERE tag_id = ?", kept.getId()));
        assertEquals(List.of(List.of(0L)), db.query("SELECT COUNT(*) FROM tag WHERE name LIKE 'kotlin1'"));
        assertEquals(List.of(), db.wrongCounts());
    }

    /** A name made an alias while other threads create it as a tag ends as one of the two, never both. */
    @Test
    void creatingANameWhileItBecomesAnAliasMakesOneOfTheTwo(TestDatabase db, Database database) throws Exception {
        TagRepository tags = database.tags();
        Tag target = tags.findOrCreate("target");
        for (int round = 0; round < 20; round++) {
            String name = "contested" + round;
            ExecutorService pool = Executors.newFixedThreadPool(3);
            try {
                List<Future<?>> work = new ArrayList<>();
                for (int t = 0; t < 2; t++) {
                    work.add(pool.submit(() -> tags.findOrCreate(name)));
                }
                work.add(pool.submit(() -> {
                    try {
                        tags.addAlias(target.getId(), name);
                    } catch (IllegalArgumentException alreadyATag) {
                        // documented: the tag was created first
                    }
                    return null;
                }));
                for (Future<?> future : work) {
                    future.get(60, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            long asTag = (Long) db.query("SELECT COUNT(*) FROM tag WHERE name_key = ?", name).get(0).get(0);
            long asAlias = (Long) db.query("SELECT COUNT(*) FROM tag_alias WHERE name_key = ?", name).get(0).get(0);
            assertEquals(1, asTag + asAlias, name + ": tag " + asTag + ", alias " + asAlias);
        }
    }
}
