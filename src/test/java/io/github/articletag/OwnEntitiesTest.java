package io.github.articletag;

import io.github.articletag.own.OwnSchema;
import io.github.articletag.own.Post;
import io.github.articletag.own.Product;
import io.github.articletag.own.TwoTables;
import io.github.articletag.testing.TestDatabase;
import io.github.articletag.testing.TestDatabaseExtension;
import jakarta.persistence.OptimisticLockException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An application's own entities tagged by the library: a {@code Post} with its own columns and {@code @Version},
 * and a {@code Product} with an integer id, each with its link and count tables, sharing one vocabulary of tags
 * with the library's articles.
 */
@ExtendWith(TestDatabaseExtension.class)
class OwnEntitiesTest {

    /** Whole seconds: Connector/J sends MariaDB (which it takes for MySQL 5.5.5) no fractions of a second. */
    private static final Instant PUBLISHED = Instant.parse("2026-12-01T10:15:30Z");

    private TestDatabase db;
    private Database database;
    private TaggedRepository<Post> posts;
    private TaggedRepository<Product> products;

    @BeforeEach
    void open(TestDatabase db) {
        this.db = db;
        database = OwnSchema.open(db.settings());
        OwnSchema.recreate(database);
        posts = database.tagged(Post.class);
        products = database.tagged(Product.class);
    }

    @AfterEach
    void close() {
        try {
            OwnSchema.drop(database); // the shared database's next drop would meet post_tag's foreign key to tag
        } finally {
            database.close();
        }
    }

    @Test
    void aNewPostIsSavedWithItsOwnColumnsAndItsTagsInOneSave() {
        Post post = new Post("Hello", "A body with 🍕 and 𠀋", "ana", PUBLISHED);
        post.addTag(new Tag("java"));
        post.addTag(new Tag("𠀋 tag"));
        posts.save(post);

        assertTrue(post.getId() != null && post.getTags().stream().allMatch(tag -> tag.getId() != null));
        assertFalse(post.hasUnsavedTagChanges());
        Post read = posts.findWithTags(post.getId()).orElseThrow();
        assertEquals("A body with 🍕 and 𠀋", read.getBody());
        assertEquals("ana", read.getAuthor());
        assertEquals(PUBLISHED, read.getPublishedAt());
        assertEquals(List.of("java", "𠀋 tag"), names(read));
    }

    @Test
    void aNewTagNamingAnExistingOneBecomesItAsStored() {
        posts.save(tagged(new Post("First", "b", "ana", PUBLISHED), "Java"));
        Tag typed = new Tag("JAVA");
        Product product = new Product("SKU", BigDecimal.ONE);
        product.addTag(typed);
        products.save(product);
        assertEquals("Java", typed.getName());
        assertEquals(database.tags().findByName("java").orElseThrow().getId(), typed.getId());
    }

    @Test
    void aChangedColumnAndAChangedTagAreSavedTogether() {
        Post post = posts.save(tagged(new Post("Hello", "first", "ana", PUBLISHED), "java", "old"));
        Post read = posts.findWithTags(post.getId()).orElseThrow();
        read.setBody("second");
        read.removeTag(tag(read, "old"));
        read.addTag(new Tag("new"));
        posts.save(read);

        Post again = posts.findWithTags(post.getId()).orElseThrow();
        assertEquals("second", again.getBody());
        assertEquals(List.of("java", "new"), names(again));
        assertEquals(read.getVersion(), again.getVersion());
        assertEquals(post.getVersion() + 1, again.getVersion());
    }

    @Test
    void twoUsersTaggingTheSamePostBothKeepTheirTagsAndTheVersionStays() {
        Post post = posts.save(new Post("Hello", "body", "ana", PUBLISHED));
        Post first = posts.findWithTags(post.getId()).orElseThrow();
        Post second = posts.findWithTags(post.getId()).orElseThrow();
        first.addTag(new Tag("mine"));
        second.addTag(new Tag("yours"));
        posts.save(first);
        posts.save(second);

        Post read = posts.findWithTags(post.getId()).orElseThrow();
        assertEquals(List.of("mine", "yours"), names(read));
        assertEquals(post.getVersion(), read.getVersion()); // tags are not the post's columns
    }

    @Test
    void aStaleChangeIsRefusedWithNothingWrittenAndTheObjectAsBefore() throws SQLException {
        Post post = posts.save(new Post("Hello", "body", "ana", PUBLISHED));
        Post first = posts.findWithTags(post.getId()).orElseThrow();
        Post second = posts.findWithTags(post.getId()).orElseThrow();
        first.setTitle("First's title");
        posts.save(first);
        second.setBody("second's body");
        second.addTag(new Tag("late"));
        int version = second.getVersion();
        List<List<Object>> before = db.query("SELECT * FROM post_tag");

        assertThrows(OptimisticLockException.class, () -> posts.save(second));

        assertEquals(1, database.statistics().optimisticLockConflicts());
        assertEquals(version, second.getVersion());
        assertTrue(second.hasUnsavedTagChanges());
        assertEquals(before, db.query("SELECT * FROM post_tag"));
        assertEquals("First's title", posts.findWithTags(post.getId()).orElseThrow().getTitle());
    }

    @Test
    void aChangeToAnEntityDeletedMeanwhileNamesItWithNothingWritten() throws SQLException {
        Product product = products.save(tagged(new Product("SKU", BigDecimal.ONE), "kept"));
        Product read = products.findWithTags(product.getId()).orElseThrow();
        Product other = products.findWithTags(product.getId()).orElseThrow();
        assertTrue(products.delete(product.getId()));
        read.setPrice(BigDecimal.TEN);                  // its own column: no version to tell
        other.addTag(new Tag("late"));                   // a tag only
        String missing = "product " + product.getId() + " does not exist";
        assertEquals(missing, assertThrows(NoSuchElementException.class, () -> products.save(read)).getMessage());
        assertEquals(missing, assertThrows(NoSuchElementException.class, () -> products.save(other)).getMessage());
        assertEquals(0, db.count("product_tag"));
        assertTrue(database.tags().findByName("late").isEmpty(), "the transaction rolled back whole");
    }

    @Test
    void pagesAndQueriesReturnTheApplicationsClassWithItsTags() {
        List<Long> ids = new ArrayList<>();
        for (int i = 1; i <= 25; i++) {
            Post post = new Post("Post " + i, "body " + i, "ana", PUBLISHED);
            tagged(post, i % 2 == 0 ? "even" : "odd", "all");
            if (i % 5 == 0) {
                post.addTag(new Tag("five"));
            }
            ids.add(posts.save(post).getId());
        }
        List<Long> walked = new ArrayList<>();
        Page<Post> page = posts.findPage(null, 10);
        while (true) {
            page.items().forEach(post -> walked.add(post.getId()));
            assertTrue(page.items().stream().allMatch(post -> post.getTags().size() >= 2));
            if (!page.hasNext()) {
                break;
            }
            page = posts.findPage(page.next(), 10);
        }
        assertEquals(ids, walked);

        Page<Post> evenFives = posts.find(TagQuery.withAll("even", "FIVE"), null, 10);
        assertEquals(List.of("Post 10", "Post 20"), evenFives.items().stream().map(Post::getTitle).toList());
        assertEquals(List.of("all", "even", "five"), names(evenFives.items().get(0)));
        assertEquals(List.of("Post 1", "Post 3"), posts.find(TagQuery.withAll("odd").andNone("five"), null, 2)
                .items().stream().map(Post::getTitle).toList());
        assertEquals(13, posts.count(TagQuery.withAll("odd"), 100));
        assertEquals(3, posts.count(TagQuery.withAll("odd").andAny("five"), 100));
        assertEquals(10, posts.findTagged("all", null, 10).items().size());
        assertEquals(0, products.count(TagQuery.withAll("all"), 100)); // the tag is the posts', not the products'
    }

    @Test
    void countsAreKeptPerTypeWithATotalAcrossTypes() {
        for (int i = 0; i < 3; i++) {
            posts.save(tagged(new Post("Post " + i, "body", "ana", PUBLISHED), "java"));
        }
        products.save(tagged(new Product("SKU-1", new BigDecimal("9.99")), "java", "mug"));
        Product product = products.save(tagged(new Product("SKU-2", new BigDecimal("19.99")), "java"));
        database.articles().tag(database.articles().save(new Article("An article")).getId(), "java");

        assertEquals(List.of("java=3"), counts(posts.tagCounts(null, 10)));
        assertEquals(List.of("java=2", "mug=1"), counts(products.tagCounts(null, 10)));
        TagUsage usage = database.tags().usage("JAVA").orElseThrow();
        assertEquals(Map.of("article", 1L, "post", 3L, "product", 2L), usage.byType());
        assertEquals(6, usage.total());
        assertEquals(List.of("java=1"), database.tags().mostUsed(1).stream()
                .map(tag -> tag.name() + "=" + tag.articles()).toList()); // the articles' own count, as in 0.1

        assertTrue(products.delete(product.getId()));
        assertEquals(List.of("mug=1", "java=1"), counts(products.tagCounts(null, 10))); // a tie: the newest first
    }

    @Test
    void countsStayExactAfterContentionAndAfterOwnersAreDeletedEveryWay() throws Exception {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ids.add(posts.save(new Post("Post " + i, "body", "ana", PUBLISHED)).getId());
        }
        Integer product = products.save(new Product("SKU", BigDecimal.ONE)).getId();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            done.add(threads.submit(() -> {
                for (int round = 0; round < 10; round++) {
                    for (long id : ids) {
                        posts.tag(id, "hot", "t" + thread);
                        if ((id + round + thread) % 3 == 0) {
                            posts.untag(id, "hot");
                        }
                    }
                    products.tag(product, "hot");
                    products.replaceTags(product, List.of("hot", "t" + thread));
                    posts.tagAll(ids, List.of("bulk"));
                    posts.untagAll(ids.subList(0, 4), List.of("bulk"));
                }
                return null;
            }));
        }
        for (Future<?> future : done) {
            future.get(2, TimeUnit.MINUTES);
        }
        threads.shutdown();
        assertEquals(List.of(), wrongCounts());

        assertTrue(posts.delete(ids.get(0)));
        Long removedByJpa = ids.get(1);
        database.inTransaction(session -> session.remove(session.find(Post.class, removedByJpa)));
        db.execute("DELETE FROM post WHERE id = " + ids.get(2)); // behind the library's back: recount repairs it
        assertFalse(wrongCounts().isEmpty());
        database.tags().recount();
        assertEquals(List.of(), wrongCounts());
    }

    @Test
    void aMergeMovesTheLinksOfEveryType() {
        Post both = posts.save(tagged(new Post("Both", "b", "ana", PUBLISHED), "js", "javascript"));
        Post old = posts.save(tagged(new Post("Old", "b", "ana", PUBLISHED), "js"));
        Product product = products.save(tagged(new Product("SKU", BigDecimal.TEN), "js"));
        int js = database.tags().findByName("js").orElseThrow().getId();
        int javascript = database.tags().findByName("javascript").orElseThrow().getId();

        database.tags().merge(js, javascript);

        assertEquals(List.of("javascript"), names(posts.findWithTags(both.getId()).orElseThrow()));
        assertEquals(List.of("javascript"), names(posts.findWithTags(old.getId()).orElseThrow()));
        assertEquals(List.of("javascript"), names(products.findWithTags(product.getId()).orElseThrow()));
        assertEquals(List.of("Both", "Old"), posts.findTagged("js", null, 10).items().stream()
                .map(Post::getTitle).toList()); // the old name is an alias now
        assertEquals(List.of("javascript=2"), counts(posts.tagCounts(null, 10)));
        assertEquals(List.of("javascript=1"), counts(products.tagCounts(null, 10)));
    }

    @Test
    void unusedTagsGoButATagOnlyAProductCarriesStays() {
        products.save(tagged(new Product("SKU", BigDecimal.TEN), "kept"));
        Post post = posts.save(tagged(new Post("Post", "b", "ana", PUBLISHED), "dropped"));
        posts.untag(post.getId(), "dropped");
        database.tags().findOrCreate("never used");

        assertEquals(2, database.tags().deleteUnused());
        assertTrue(database.tags().findByName("kept").isPresent());
    }

    @Test
    void taggingPostsWhileTheCleanupRunsLosesNoLink() throws Exception {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 90; i++) {
            ids.add(posts.save(new Post("Post " + i, "b", "ana", PUBLISHED)).getId());
        }
        for (int i = 0; i < 30; i++) {
            database.tags().findOrCreate("fresh" + i); // unused until a thread links it
        }
        List<List<Long>> acknowledged = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService threads = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            List<Long> own = ids.subList(t * 30, (t + 1) * 30);
            done.add(threads.submit(() -> {
                for (int i = 0; i < own.size(); i++) {
                    Post tagged = posts.tag(own.get(i), "fresh" + i);
                    acknowledged.add(List.of(own.get(i), (long) tagged.getTags().iterator().next().getId()));
                }
                return null;
            }));
        }
        done.add(threads.submit(() -> {
            for (int round = 0; round < 20; round++) {
                database.tags().deleteUnused();
            }
            return null;
        }));
        for (Future<?> future : done) {
            future.get(2, TimeUnit.MINUTES);
        }
        threads.shutdown();

        assertEquals(90, acknowledged.size());
        List<List<Object>> links = db.query("SELECT post_id, tag_id FROM post_tag");
        for (List<Long> link : acknowledged) {
            assertTrue(links.contains(List.<Object>of(link.get(0), (int) (long) link.get(1))), "lost " + link);
        }
        assertEquals(List.of(), wrongCounts());
    }

    @Test
    void relatedEntitiesAndRelatedTagsAreThoseOfTheType() {
        Post a = posts.save(tagged(new Post("A", "b", "ana", PUBLISHED), "x", "y", "z"));
        Post b = posts.save(tagged(new Post("B", "b", "ana", PUBLISHED), "x", "y"));
        posts.save(tagged(new Post("C", "b", "ana", PUBLISHED), "x"));
        products.save(tagged(new Product("SKU", BigDecimal.TEN), "x", "y", "z", "w"));

        List<RelatedItem<Post>> related = posts.findRelated(a.getId(), 10);
        assertEquals(List.of("B=2", "C=1"), related.stream()
                .map(r -> r.item().getTitle() + "=" + r.sharedTags()).toList());
        assertEquals(List.of("x", "y"), names(related.get(0).item()));
        assertEquals(List.of("y=2", "z=1"), posts.relatedTags(List.of("x"), 10).stream()
                .map(tag -> tag.name() + "=" + tag.articles()).toList());
        assertEquals(b.getId(), related.get(0).item().getId());
    }

    @Test
    void anEntityReadByTheApplicationsOwnJpaCodeHasItsTagsUnloadedAndItsTagChangesSaved() {
        Post saved = posts.save(tagged(new Post("Hello", "b", "ana", PUBLISHED), "java"));
        Post own = database.fromTransaction(session -> session.find(Post.class, saved.getId()));
        assertFalse(own.areTagsLoaded());
        own.addTag(new Tag("added"));
        posts.save(own);
        assertEquals(List.of("added", "java"), names(posts.findWithTags(saved.getId()).orElseThrow()));
    }

    @Test
    void taggingByIdReturnsTheEntityAndNamesAMissingOne() {
        Product product = products.save(new Product("SKU", BigDecimal.TEN));
        Product tagged = products.tag(product.getId(), "a", "B");
        assertEquals("SKU", tagged.getSku());
        assertEquals(List.of("a", "B"), names(tagged));
        NoSuchElementException missing = assertThrows(NoSuchElementException.class, () -> products.tag(999, "a"));
        assertEquals("product 999 does not exist", missing.getMessage());
        assertThrows(NoSuchElementException.class, () -> products.tag(Long.MAX_VALUE, "a"));
        assertTrue(products.findWithTags(Long.MAX_VALUE).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> products.tagAll(List.of(product.getId()), List.of()));
    }

    @Test
    void manyNewPostsAreSavedAtOnceWithTheirTagsCountedOnce() throws SQLException {
        int js = database.tags().findOrCreate("javascript").getId();
        database.tags().addAlias(js, "js");
        List<Post> imported = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            imported.add(tagged(new Post("Post " + i, "body", "ana", PUBLISHED), "all", "t" + i % 7,
                    i % 2 == 0 ? "JS" : "javascript"));
        }
        imported.get(0).addTag(new Tag("javascript")); // its alias too: one link
        posts.saveAll(imported);

        assertTrue(imported.stream().allMatch(post -> post.getId() != null && !post.hasUnsavedTagChanges()));
        assertEquals(List.of("all", "javascript", "t0"), names(posts.findWithTags(imported.get(0).getId())
                .orElseThrow()));
        assertEquals(List.of("all=500", "javascript=500"), counts(posts.tagCounts(null, 2)));
        assertEquals(1500, db.count("post_tag"));
        assertEquals(List.of(), wrongCounts());

        Post saved = imported.get(1);
        List<List<Object>> before = db.query("SELECT id FROM post ORDER BY id");
        IllegalArgumentException again = assertThrows(IllegalArgumentException.class,
                () -> posts.saveAll(List.of(new Post("New", "b", "ana", PUBLISHED), saved)));
        assertTrue(again.getMessage().startsWith("post 1 of the list has an id already"), again.getMessage());
        assertEquals(before, db.query("SELECT id FROM post ORDER BY id"));
    }

    @Test
    void completionAmongTheTagsATypeUsesRankedByItsCounts() {
        posts.save(tagged(new Post("A", "b", "ana", PUBLISHED), "java", "javascript"));
        posts.save(tagged(new Post("B", "b", "ana", PUBLISHED), "javascript"));
        products.save(tagged(new Product("SKU", BigDecimal.TEN), "java", "jakarta"));
        assertEquals(List.of("javascript=2", "java=1"), posts.suggest("JA", 10).stream()
                .map(tag -> tag.name() + "=" + tag.articles()).toList());
        assertEquals(List.of("jakarta=1", "java=1"), products.suggest("ja", 10).stream()
                .map(tag -> tag.name() + "=" + tag.articles()).toList());
    }

    @Test
    void aTypeIsReadOnTheReplicasAndNotWrittenThere() {
        Post post = posts.save(tagged(new Post("Read anywhere", "b", "ana", PUBLISHED), "replicated"));
        // Both endpoints on the one test server: what the replicas' repositories do, without a group.
        try (Database cluster = Database.openCluster(db.settings(), db.settings(), Timeouts.DEFAULT,
                List.of(Post.class, Product.class))) {
            TaggedRepository<Post> replicaPosts = cluster.replicas(false).tagged(Post.class);
            assertEquals(List.of(post.getId()), replicaPosts.findTagged("replicated", null, 10).items().stream()
                    .map(Post::getId).toList());
            assertEquals(Map.of("article", 0L, "post", 1L, "product", 0L),
                    cluster.replicas(false).tags().usage("replicated").orElseThrow().byType());
            Post read = replicaPosts.findWithTags(post.getId()).orElseThrow();
            read.addTag(new Tag("refused"));
            assertThrows(IllegalStateException.class, () -> replicaPosts.save(read));
        }
        assertTrue(database.tags().findByName("refused").isEmpty());
    }

    @Test
    void aTypeTheDatabaseWasNotOpenedWithIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> db.database().tagged(Post.class));
        assertTrue(e.getMessage().contains("io.github.articletag.own.Post is not a tagged type"), e.getMessage());
        assertEquals(List.of(Post.class, Product.class), database.taggedTypes());
    }

    @Test
    void aTypeWhoseRowsSpanTwoTablesIsRefusedWhenTheDatabaseOpens() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Database.open(db.settings(),
                Timeouts.DEFAULT, Map.of(), List.of(TwoTables.Note.class, TwoTables.Memo.class)).close());
        assertTrue(e.getMessage().matches("io\\.github\\.articletag\\.own\\.TwoTables\\$(Note|Memo) maps to more than one"
                + " table \\(JOINED inheritance.*"), e.getMessage());
    }

    @Test
    void theSchemaCheckNamesWhatATypesTablesLack() throws SQLException {
        assertEquals(List.of(), database.validateSchema());
        db.execute("ALTER TABLE post_tag ADD INDEX ix_keep (tag_id), DROP INDEX ix_post_tag_tag");
        db.execute("DROP TABLE product_tag_count");
        assertEquals(List.of("table product_tag_count is missing",
                "index post_tag.ix_post_tag_tag (tag_id, post_id) is missing"), database.validateSchema());
        assertTrue(posts.ddl().get(0).startsWith("CREATE TABLE post_tag (\n    post_id BIGINT NOT NULL,"),
                posts.ddl().get(0));
        assertTrue(products.ddl().get(0).contains("product_id INT NOT NULL"), products.ddl().get(0));
    }

    @Test
    void theApplicationsClassAsJson() {
        Post post = posts.save(tagged(new Post("Hello", "b", "ana", PUBLISHED), "java", "🍕"));
        tools.jackson.databind.json.JsonMapper jackson = new tools.jackson.databind.json.JsonMapper();
        String json = jackson.writeValueAsString(posts.findWithTags(post.getId()).orElseThrow());
        assertTrue(json.contains("\"body\":\"b\"") && json.contains("\"author\":\"ana\""), json);
        assertTrue(json.matches(".*\"tags\":\\[\\{\"id\":\\d+,\"name\":\"java\"},\\{\"id\":\\d+,\"name\":\"🍕\"}].*"),
                json);
        Post own = database.fromTransaction(session -> session.find(Post.class, post.getId()));
        assertFalse(jackson.writeValueAsString(own).contains("tags"), jackson.writeValueAsString(own));
    }

    private static <T extends Taggable> T tagged(T entity, String... names) {
        for (String name : names) {
            entity.addTag(new Tag(name));
        }
        return entity;
    }

    private static Tag tag(Taggable entity, String name) {
        return entity.getTags().stream().filter(tag -> tag.getName().equals(name)).findFirst().orElseThrow();
    }

    private static List<String> names(Taggable entity) {
        return entity.getTags().stream().map(Tag::getName).sorted(java.util.Comparator.comparing(
                (String name) -> name.toLowerCase(java.util.Locale.ROOT))).toList();
    }

    private static List<String> counts(Page<TagCount> page) {
        return page.items().stream().map(tag -> tag.name() + "=" + tag.articles()).toList();
    }

    /** Every type's tags whose kept count differs from their links, as (type, tag, kept, counted). */
    private List<List<Object>> wrongCounts() throws SQLException {
        List<List<Object>> wrong = new ArrayList<>(db.wrongCounts());
        for (String links : List.of("post_tag", "product_tag")) {
            db.wrongCounts(links).forEach(row -> wrong.add(List.of(links, row)));
        }
        return wrong;
    }
}
