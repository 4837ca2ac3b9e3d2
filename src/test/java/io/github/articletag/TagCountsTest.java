package io.github.articletag;

import io.github.articletag.testing.TestDatabase;
import io.github.articletag.testing.TestDatabaseExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kept count of each tag's articles ({@code tag.article_count}) equals its links after every path that
 * changes links, the database's cascades and plain JPA code included, and after threads fight over one tag.
 */
@ExtendWith(TestDatabaseExtension.class)
class TagCountsTest {

    private TestDatabase db;

    @BeforeEach
    void sampleData(TestDatabase db, Database database) {
        this.db = db;
        SampleData.persist(database); // through JPA's cascade: tag1 and tag2, two articles each
    }

    @Test
    void theSampleDataPersistedThroughJpaIsCounted(TagRepository tags) throws SQLException {
        assertEquals(List.of("tag1=2", "tag2=2"), counts(tags));
        assertEquals(List.of(), db.wrongCounts());
    }

    @Test
    void taggingAndUntaggingCountOnlyWhatChanged(ArticleRepository articles, TagRepository tags) throws SQLException {
        articles.tag(1, "tag1", "new", "NEW");     // tag1 is there already, new is new once
        articles.tag(2, "new");
        assertTrue(articles.untag(1, "tag2"));
        assertFalse(articles.untag(1, "tag2"));    // nothing left to remove: nothing counted
        assertFalse(articles.untag(1, "no such tag"));

        assertEquals(List.of("new=2", "tag1=2", "tag2=1"), counts(tags));
        assertEquals(List.of(), db.wrongCounts());
    }

    @Test
    void savingNewAndLoadedArticlesCountsTheirLinks(ArticleRepository articles, TagRepository tags)
            throws SQLException {
        Article fresh = new Article("third");
        fresh.addTag(tags.findByName("tag1").orElseThrow());
        fresh.addTag(new Tag("TAG2"));
        fresh.addTag(new Tag("brand new"));
        articles.save(fresh);
        Article loaded = articles.findWithTags(1).orElseThrow();
        loaded.removeTag(loaded.getTags().iterator().next());
        loaded.addTag(new Tag("brand new"));
        loaded.addTag(new Tag("tag1")); // may be the one just removed: then it is put back
        articles.save(loaded);

        assertEquals(List.of(), db.wrongCounts());
        assertEquals(7, tags.mostUsed(10).stream().mapToLong(TagCount::articles).sum());
    }

    @Test
    void importsCountEveryLink(ArticleRepository articles, TagRepository tags) throws SQLException {
        articles.importArticles(IntStream.range(0, 2500)
                .mapToObj(i -> new NewArticle("imported " + i, List.of("tag1", "t" + i % 7))).toList());
        articles.importArticles(Stream.of(new NewArticle("streamed", List.of("tag2", "t1"))), progress -> { });

        assertEquals(List.of(), db.wrongCounts());
        assertEquals(2502, tags.usage("tag1").orElseThrow().total());
    }

    @Test
    void mergingAndDeletingCountWhatTheCascadesRemove(ArticleRepository articles, TagRepository tags)
            throws SQLException {
        articles.tag(1, "other");
        articles.tag(3 - 1, "third"); // article 2
        Tag other = tags.findByName("other").orElseThrow();
        tags.merge(other.getId(), tags.findByName("third").orElseThrow().getId());
        assertTrue(articles.delete(1));
        assertTrue(tags.delete(tags.findByName("tag2").orElseThrow().getId()));

        assertEquals(List.of("tag1=1", "third=1"), counts(tags));
        assertEquals(List.of(), db.wrongCounts());
    }

    @Test
    void plainJpaChangesAndRemovalsAreCountedToo(Database database, TagRepository tags) throws SQLException {
        database.inTransaction(session -> {
            Article article = session.find(Article.class, 1);
            article.removeTag(article.getTags().iterator().next());
            article.addTag(new Tag("jpa"));
        });
        database.inTransaction(session -> session.remove(session.find(Article.class, 2)));

        assertEquals(List.of(), db.wrongCounts());
        assertEquals(2, tags.mostUsed(10).stream().mapToLong(TagCount::articles).sum());
    }

    @Test
    void recountRepairsCountsWrittenBehindTheLibrarysBack(TagRepository tags) throws SQLException {
        db.execute("INSERT INTO article_tag (article_id, tag_id) SELECT 1, id FROM tag WHERE name = 'tag1'"
                + " ON DUPLICATE KEY UPDATE tag_id = tag_id");
        db.execute("UPDATE tag SET article_count = 99 WHERE name = 'tag2'");

        assertEquals(1, tags.recount());
        assertEquals(List.of(), db.wrongCounts());
        assertEquals(0, tags.recount());
    }

    /** Threads tagging and untagging one popular tag at once, and deleting its articles: no count drifts. */
    @Test
    void threadsTaggingOnePopularTagKeepItsCountExact(ArticleRepository articles) throws Exception {
        List<Integer> ids = articles.importArticles(IntStream.range(0, 60)
                .mapToObj(i -> new NewArticle("shared " + i, List.of("popular"))).toList());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Void>> work = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                int thread = t;
                work.add(() -> {
                    for (int i = 0; i < 40; i++) {
                        int id = ids.get((thread * 7 + i * 3) % ids.size());
                        try {
                            if (i % 3 == 2) {
                                articles.untag(id, "popular");
                            } else {
                                articles.tag(id, "popular", "second " + i % 4);
                            }
                        } catch (NoSuchElementException deleted) {
                            // documented: the deleting thread took that article first
                        }
                    }
                    return null;
                });
            }
            work.add(() -> {
                for (int i = 0; i < 10; i++) {
                    articles.delete(ids.get(ids.size() - 1 - i * 5));
                }
                return null;
            });
            for (Future<Void> done : pool.invokeAll(work, 120, TimeUnit.SECONDS)) {
                done.get(); // a failure of any call fails the test
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals(List.of(), db.wrongCounts());
    }

    private static List<String> counts(TagRepository tags) {
        return tags.mostUsed(100).stream().map(count -> count.name() + "=" + count.articles()).sorted().toList();
    }
}
