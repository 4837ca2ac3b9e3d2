package io.github.articletag;

import io.github.articletag.testing.TestDatabase;
import io.github.articletag.testing.TestDatabaseExtension;
import org.hibernate.exception.ConstraintViolationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One tag per name: the unique key, its case rule, and find-or-create under concurrency. */
@ExtendWith(TestDatabaseExtension.class)
class TagIdentityTest {

    @Test
    void namesDifferingOnlyInCaseOrSurroundingSpaceAreOneTag(TestDatabase db, TagRepository tags) throws Exception {
        Tag java = tags.findOrCreate("Java");

        assertEquals(java.getId(), tags.findOrCreate("  java ").getId());
        assertEquals(java.getId(), tags.findByName("JAVA").orElseThrow().getId());
        assertEquals("Java", tags.findByName("java").orElseThrow().getName());
        assertEquals(1L, db.count("tag"));
    }

    /**
     * Pairs a reader tells apart. Under utf8mb4_unicode_ci every character beyond the BMP weighs the same, so
     * the emoji and the CJK Extension B pairs were one tag on MySQL 9.7 and MariaDB 10.11; the last pairs differ
     * only in accents or kana, which every case-insensitive collation common to both servers ignores.
     */
    private static final List<List<String>> DISTINCT_PAIRS = List.of(
            List.of("🍕", "🍔"),
            List.of("😀", "😃"),
            List.of("🇫🇷", "🇩🇪"),
            List.of("𠀀", "𠀁"),          // CJK Extension B
            List.of("𪜀", "𫝀"),          // Extensions C and D
            List.of("𰀀", "𱍐"),          // Extensions G and H (Unicode 13 and 15)
            List.of("张𠮷", "张吉"),       // a rare character in a personal name, and its common look-alike
            List.of("café", "cafe"),
            List.of("ねこ", "ネコ"),
            List.of("𝐀", "A"));          // MATHEMATICAL BOLD CAPITAL A is not the letter A

    @Test
    void namesAReaderTellsApartAreDifferentTags(TestDatabase db, TagRepository tags) throws Exception {
        Set<Integer> ids = new HashSet<>();
        for (List<String> pair : DISTINCT_PAIRS) {
            Tag first = tags.findOrCreate(pair.get(0));
            Tag second = tags.findOrCreate(pair.get(1));

            assertEquals(pair.get(0), first.getName());
            assertEquals(pair.get(1), second.getName(), "findOrCreate(" + pair.get(1) + ") returned " + first);
            assertEquals(pair.get(1), tags.findByName(pair.get(1)).orElseThrow().getName());
            ids.add(first.getId());
            ids.add(second.getId());
        }
        assertEquals(2 * DISTINCT_PAIRS.size(), ids.size());
        assertEquals((long) ids.size(), db.count("tag"));
    }

    @Test
    void taggingWithTwoEmojiGivesTwoTagsAndFindsEachArticleByItsOwn(TestDatabase db,
            ArticleRepository articles) throws Exception {
        int pizza = articles.save(new Article("pizza")).getId();
        int burger = articles.save(new Article("burger")).getId();

        articles.tag(pizza, "🍕", "𠀀");
        articles.tag(burger, "🍔", "𠀁");

        assertEquals(4L, db.count("tag"));
        assertEquals(List.of(pizza), ids(articles.findTagged("🍕", null, 1000).items()));
        assertEquals(List.of(burger), ids(articles.findTagged("🍔", null, 1000).items()));
        assertEquals(List.of(burger), ids(articles.findTagged("𠀁", null, 1000).items()));
        assertEquals(List.of(), ids(articles.findTaggedWithAll(List.of("🍕", "🍔"), null, 1000).items()));
        assertEquals(List.of(pizza), articles.summarizeTagged("🍕", null, 1000).items().stream()
                .map(ArticleSummary::id).toList());
        List<Integer> imported = articles.importArticles(List.of(
                new NewArticle("both", List.of("🍕", "🍔", "𠀀", "𠀁", "😀"))));
        assertEquals(5L, db.count("tag"));
        assertEquals(List.of(pizza, imported.get(0)), ids(articles.findTagged("🍕", null, 1000).items()));
    }

    @Test
    void letterCaseIsIgnoredBeyondAsciiAndComposedAccentsEqualDecomposedOnes(TagRepository tags) {
        Tag greek = tags.findOrCreate("ΣΟΦΙΑ");
        Tag deseret = tags.findOrCreate("𐐀𐐁"); // a bicameral script beyond the BMP
        Tag composed = tags.findOrCreate("Crème");

        assertEquals(greek.getId(), tags.findOrCreate("σοφια").getId());
        assertEquals(deseret.getId(), tags.findOrCreate("𐐨𐐩").getId());
        assertEquals(composed.getId(), tags.findOrCreate("cre\u0300me").getId());
        assertEquals("Crème", tags.findByName("CRE\u0300ME").orElseThrow().getName());
    }

    private static List<Integer> ids(List<Article> articles) {
        return articles.stream().map(Article::getId).toList();
    }

    @Test
    void theUniqueKeyRejectsADuplicateNameWrittenAroundTheLibrary(TagRepository tags, Database database) {
        tags.findOrCreate("java");

        assertThrows(ConstraintViolationException.class,
                () -> database.inTransaction(session -> session.persist(new Tag("JAVA"))));
    }

    @Test
    void concurrentFindOrCreateOfOneNewNameYieldsOneTag(TestDatabase db, TagRepository tags) throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 5; round++) {
                String name = "hot-" + round;
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Integer>> ids = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    ids.add(pool.submit(() -> {
                        start.await();
                        return tags.findOrCreate(name).getId();
                    }));
                }
                start.countDown();
                Set<Integer> distinct = new HashSet<>();
                for (Future<Integer> id : ids) {
                    distinct.add(id.get(30, TimeUnit.SECONDS)); // rethrows any caller's exception
                }
                assertEquals(1, distinct.size(), "callers for " + name + " got " + distinct);
                assertEquals(List.of(List.of(1L)), db.query("SELECT COUNT(*) FROM tag WHERE name = ?", name));
            }
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        }
    }
}
