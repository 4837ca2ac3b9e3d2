package io.github.articletag;

import io.github.articletag.internal.Completion;
import io.github.articletag.own.OwnSchema;
import io.github.articletag.own.Post;
import io.github.articletag.own.Product;
import io.github.articletag.testing.HandlerReads;
import io.github.articletag.testing.ReadBounds;
import io.github.articletag.testing.TestDatabase;
import io.github.articletag.testing.TestDatabaseExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pages of an application's own type cost the server what the articles' do: a page of posts reads its ids from
 * the tag's range of {@code post_tag}, their tags, and each post by primary key, at any depth. Data: 3,000 posts;
 * "big" on every one, "mid" on every third, "rare" on every hundredth.
 */
@ExtendWith(TestDatabaseExtension.class)
class OwnTypeBoundedReadsTest {

    private static final int POSTS = 3000;
    private static final int PAGE = 20;
    /** A page of articles may read 400 rows; a post's row is read once more, by Hibernate, by primary key. */
    private static final long BOUND = 450;

    private Database own;
    private HandlerReads server;
    private ReadBounds bounded;
    private TaggedRepository<Post> posts;

    @BeforeEach
    void posts(TestDatabase db) throws SQLException {
        own = OwnSchema.open(db.settings());
        OwnSchema.recreate(own);
        try (Connection connection = db.connect(); PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO post (title, body, author, version) VALUES (?, 'body', 'ana', 0)")) {
            for (int i = 1; i <= POSTS; i++) {
                insert.setString(1, "Post " + i);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        TaggedRepository<Post> writer = own.tagged(Post.class);
        writer.tagAll(LongStream.rangeClosed(1, POSTS).boxed().toList(), List.of("big"));
        writer.tagAll(LongStream.rangeClosed(1, POSTS).filter(i -> i % 3 == 0).boxed().toList(), List.of("mid"));
        writer.tagAll(LongStream.rangeClosed(1, POSTS).filter(i -> i % 100 == 0).boxed().toList(), List.of("rare"));
        server = new HandlerReads(db.settings(), List.of(Post.class, Product.class));
        bounded = new ReadBounds(server, BOUND, "a page of " + PAGE + ", " + POSTS + " posts");
        posts = server.database().tagged(Post.class);
    }

    @AfterEach
    void close() {
        try {
            if (server != null) {
                server.close();
            }
            OwnSchema.drop(own);
        } finally {
            own.close();
        }
    }

    @Test
    void pagesOfAllPostsAndOfOneTags() {
        bounded.atAnyDepth("posts findPage", after -> posts.findPage(after, PAGE), "2900");
        bounded.atAnyDepth("posts findTagged", after -> posts.findTagged("mid", after, PAGE), "2700");
        bounded.atAnyDepth("posts findTagged of the tag on every post", after -> posts.findTagged("big", after, PAGE),
                "2900");
        assertEquals(PAGE, posts.findTagged("mid", "2700", PAGE).items().size());
    }

    @Test
    void pagesOfCombinedQueriesAndTheirCounts() {
        bounded.atAnyDepth("posts find, all of two", after -> posts.find(TagQuery.withAll("big", "rare"), after, PAGE),
                "2000");
        bounded.atAnyDepth("posts find, all and none",
                after -> posts.find(TagQuery.withAll("mid", "big").andNone("rare"), after, PAGE), "2000");
        bounded.of("posts count up to a page", () -> posts.count(TagQuery.withAll("big", "mid"), PAGE));
        bounded.of("posts count of one tag", () -> posts.count(TagQuery.withAll("big"), PAGE));
    }

    @Test
    void theTypesMostUsedTagsAndRelatedTags() {
        bounded.of("posts tagCounts", () -> posts.tagCounts(null, PAGE));
        bounded.of("posts relatedTags, rare tag", () -> posts.relatedTags(List.of("rare"), 10));
        bounded.of("posts findWithTags", () -> posts.findWithTags(1500));
    }

    @Test
    void completionOfAPrefixTensOfThousandsOfNamesShare(TestDatabase db) throws SQLException {
        db.addUnusedTags("w", 60_000);
        TaggedRepository<Post> writer = own.tagged(Post.class);
        writer.tagAll(List.of(1L, 2L), List.of("wz"));
        writer.tagAll(List.of(1L), List.of("wy"));
        long reads = server.of(() -> posts.suggest("w", 5));
        System.out.println("[reads] posts suggest, a prefix 60,002 names share: " + reads);
        // Both statements read the range's first names, the second also the most used tags; per name or tag: its
        // index entry, its row, its count, the derived tables' rows written and read back (MySQL 9.7 read 19,900
        // for articles and 24,000 for posts, MariaDB 10.11 31,800 and 28,000). The whole range: over 120,000.
        assertTrue(reads <= 10L * (Completion.NAMES + Completion.MOST_USED), "suggest read " + reads
                + " rows: the prefix's whole range?");
        assertEquals(List.of("wz=2", "wy=1"), posts.suggest("W", 5).stream()
                .map(tag -> tag.name() + "=" + tag.articles()).toList(), "only the tags posts use");
    }
}
