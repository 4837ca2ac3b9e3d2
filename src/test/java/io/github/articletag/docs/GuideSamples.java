package io.github.articletag.docs;

import io.github.articletag.Article;
import io.github.articletag.ArticleRepository;
import io.github.articletag.ConnectionSettings;
import io.github.articletag.Database;
import io.github.articletag.NewArticle;
import io.github.articletag.Page;
import io.github.articletag.Progress;
import io.github.articletag.Tag;
import io.github.articletag.TagList;
import io.github.articletag.TagQuery;
import io.github.articletag.TagRepository;
import io.github.articletag.TaggedRepository;
import io.github.articletag.Timeouts;
import io.github.articletag.TrustStore;
import io.github.articletag.Walked;
import io.github.articletag.own.Post;
import io.github.articletag.own.Product;
import jakarta.persistence.EntityManagerFactory;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The Java samples of the README and the guide (src/docs), compiled here so that a sample that no longer fits the
 * API breaks the build; {@link GuideTest} requires each Markdown sample to be its region, line for line. The
 * methods are never run: what they show is tested where the guide says (WorkingWithLoadedArticlesTest, ...).
 */
final class GuideSamples {

    private GuideSamples() {
    }

    static void firstSteps(String url, String user, String password) {
        // tag::first-steps[]
        try (Database db = Database.open(new ConnectionSettings(url, user, password))) {
            db.recreateSchema();                      // drop_all() + create_all(): only the library's four tables

            Article article = new Article("Many-to-many in JPA");
            article.addTag(new Tag("java"));          // the tag sees the article at once, like SQLAlchemy's backref
            db.articles().save(article);              // new tags are saved with it; article.getId() is set

            Article loaded = db.articles().findWithTags(article.getId()).orElseThrow();
            Tag java = db.tags().findWithArticles(loaded.getTags().iterator().next().getId(), 10).orElseThrow();
            java.getArticles();                       // the backref: its first 10 articles, loaded by findWithArticles
        }
        // end::first-steps[]
    }

    static void threeWaysIn(String url, String user, String password, DataSource dataSource,
                            EntityManagerFactory entityManagerFactory) {
        // tag::three-ways-in[]
        Database ownPool = Database.open(new ConnectionSettings(url, user, password)); // the library's own HikariCP pool
        Database yourPool = Database.open(dataSource);              // your DataSource (Spring Boot's, a Jakarta EE server's)
        Database yourFactory = Database.using(entityManagerFactory); // your factory, which maps Database.ENTITY_CLASSES
        // end::three-ways-in[]
    }

    static void changingLoaded(ArticleRepository articles, TagRepository tags, int id, Tag someTagItHas) {
        // tag::changing-loaded[]
        Article article = articles.findWithTags(id).orElseThrow();
        article.addTag(tags.findOrCreate("jpa"));        // a tag found or created: its own articles are not loaded
        article.addTag(new Tag("Hibernate"));            // a new Tag: the existing tag "hibernate" if there is one
        article.removeTag(someTagItHas);
        article.setTitle("Many-to-many, revisited");
        articles.save(article);                          // writes exactly these changes, in one transaction

        Article fresh = new Article("Tags in practice");
        fresh.addTag(tags.findByName("java").orElseThrow());   // existing tags, by entity ...
        fresh.addTag(new Tag("JPA"));                          // ... or by name: no duplicate-key error
        articles.save(fresh);
        // end::changing-loaded[]
    }

    static void theCalls(Database db, int articleId, int tagId, int fromTagId, int intoTagId, List<Integer> articleIds,
                         TagQuery query, List<NewArticle> newArticles) {
        // tag::the-calls[]
        ArticleRepository articles = db.articles();
        TagRepository tags = db.tags();

        articles.tag(articleId, "java", "jpa");          // find-or-create each tag; a tag already there is a no-op
        articles.untag(articleId, "jpa");                // deletes exactly that article_tag row
        articles.delete(articleId);                      // its links go, its tags stay
        tags.delete(tagId);                              // also while in use: its links go, the articles stay
        tags.rename(tagId, "Java");                      // refused if another tag has that name
        tags.merge(fromTagId, intoTagId);                // every article of the first ends up tagged once with the second,
                                                         // and the first's name becomes an alias of the second
        tags.addAlias(tagId, "postgres");                // tagging, finding and querying by "postgres" reach this tag
        tags.aliases(tagId, null, 100);                  // its aliases, a page; tags.removeAlias("postgres") lets one go
        tags.deleteUnused();                             // the tags no article carries, in batches; returns how many
        tags.related("java", 10);                        // the tags most often on java's articles (a sample: see below)
        tags.related(List.of("java", "jpa"), 10);        // ... on the articles carrying both, for narrowing down
        articles.tagAll(articleIds, List.of("archived"));   // up to 10,000 articles, all or nothing; returns links added
        articles.untagAll(articleIds, List.of("archived")); // returns links removed
        articles.replaceTags(articleId, TagList.parse("java, \"spring boot\""));  // exactly these tags afterwards
        TagList.format(List.of("java", "spring boot"));  // java, "spring boot": what TagList.parse reads back

        Page<Article> page = articles.findPage(null, 100);        // the first 100 articles by id, with their tags
        Page<Article> next = articles.findPage(page.next(), 100); // the next ones; page.next() is null on the last page
        articles.summarizePage(null, 100);               // the same as read-only records, cheaper to read
        articles.findTagged("java", null, 100);          // 1 statement: the page's ids from the tag's links, with them
        articles.summarizeTagged("java", null, 100);     // 1 statement
        articles.findTaggedWithAll(List.of("java", "jpa"), null, 100);  // 3: the least used tag drives
        articles.findTaggedWithAny(List.of("java", "jpa"), null, 100);  // 1
        articles.summarizeTaggedWithAll(List.of("java", "jpa"), null, 100);  // summaries of either: 3 and 1
        articles.summarizeTaggedWithAny(List.of("java", "jpa"), null, 100);
        articles.find(TagQuery.withAll("java", "jpa").andAny("spring", "boot").andNone("draft"), null, 100);  // 3
        articles.find(TagQuery.withAll("java", "jpa").andNoOthers(), null, 100);  // tagged with exactly these two
        articles.find(TagQuery.untagged(), null, 100);   // articles without any tag (a page walks 5,000 ids at most)
        articles.summarize(query, null, 100);            // the same as summaries, in as many statements
        articles.count(query, 1000);                     // how many match, counting up to 1,000 ("1,000+")
        articles.findRelated(articleId, 10);             // ranked by shared tags among each tag's 2,000 newest articles
        articles.importArticles(newArticles);            // thousands at once, in JDBC batches (see Performance)
        articles.importInBatches(newArticles.stream(), Progress.NONE); // millions: 10,000 a transaction, resumable
        tags.findWithArticles(tagId, 100);               // the tag and its first 100 articles (tag.getArticles()), 1 statement
        tags.mostUsed(100);                              // a tag cloud: the 100 most used tags, 1 statement
        tags.counts(null, 100);                          // every tag with its count, most used first, page by page
        tags.suggest("ja", 10);                          // completion: names starting so, most used first, bounded
        tags.recount();                                  // repairs the kept counts after writes behind the library's back
        tags.findOrCreate("java");                       // safe when many threads ask for the same new name at once
        // end::the-calls[]
    }

    static void ownEntities(ConnectionSettings settings, long postId, List<Long> postIds, List<Post> newPosts) {
        // tag::own-entities[]
        Database db = Database.open(settings, Timeouts.DEFAULT, Map.of(), List.of(Post.class, Product.class));
        TaggedRepository<Post> posts = db.tagged(Post.class);

        Post post = new Post("Tags on my own entity", "body", "ana", Instant.now());
        post.addTag(new Tag("java"));
        posts.save(post);                                // the post's row, then its tags: one transaction

        Post read = posts.findWithTags(post.getId()).orElseThrow();
        read.setBody("a better body");                   // its own column ...
        read.addTag(new Tag("jpa"));                     // ... and a tag: one save writes both, @Version checked
        posts.save(read);

        posts.findPage(null, 100);                       // pages by id, with their tags, as the articles' are
        posts.find(TagQuery.withAll("java").andNone("draft"), null, 100);
        posts.count(TagQuery.withAll("java"), 1000);
        posts.findRelated(postId, 10);                   // posts sharing most tags, among each tag's 2,000 newest
        posts.tag(postId, "java", "jpa");                // by id, as articles().tag
        posts.tagAll(postIds, List.of("archived"));
        posts.tagCounts(null, 100);                      // the posts' tag cloud: counts of posts alone
        posts.suggest("ja", 10);                         // completion among the posts' tags, most used by posts first, bounded
        posts.relatedTags(List.of("java"), 10);
        posts.saveAll(newPosts);                         // an import: thousands of new posts and their tags, one transaction
        db.tags().usage("java");                         // per type and in total: article, post, product
        posts.ddl();                                     // CREATE TABLE post_tag ..., post_tag_count ...
        // end::own-entities[]
    }

    static void cluster(String user, String password, int id) {
        // tag::cluster[]
        Database db = Database.openCluster(
                new ConnectionSettings("jdbc:mysql://router:6446/app", user, password),   // Router's read-write port
                new ConnectionSettings("jdbc:mysql://router:6447/app", user, password),   // Router's read-only port
                new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(12))); // see Faults below
        db.articles().tag(id, "java");                               // writes, and reads by default: the primary
        db.replicas(false).articles().findTagged("java", null, 20);  // a secondary, as it is (it may lag)
        db.replicas(true).articles().findWithTags(id);               // a secondary, seeing every write committed before
        // end::cluster[]
    }

    static Database verifiedTls(String password, String trustStorePassword) {
        // tag::verified-tls[]
        ConnectionSettings settings = new ConnectionSettings(
                "jdbc:mysql://db.example.com:3306/app?sslMode=VERIFY_IDENTITY", "app_runtime", password,
                new TrustStore(Path.of("/etc/app/db-ca.p12"), trustStorePassword)); // the operator's CA
        Database db = Database.open(settings);
        // end::verified-tls[]
        return db;
    }

    static Walked stoppableWalk(TagRepository tags, BooleanSupplier shuttingDown) {
        // tag::stoppable-walk[]
        Walked walk = tags.deleteUnused(null, (done, total) -> {
            System.out.printf("deleteUnused: %d of %d tag ids%n", done, total);
            return !shuttingDown.getAsBoolean();   // false: stop after this batch, resume with walk.resumeAfter()
        });
        // end::stoppable-walk[]
        return walk;
    }

    static long importInBatches(ArticleRepository articles, Supplier<Stream<NewArticle>> source,
                                BooleanSupplier shuttingDown) {
        // tag::import-in-batches[]
        long imported = articles.importInBatches(source.get(), (done, total) -> {
            System.out.printf("import: %,d articles%n", done);
            return !shuttingDown.getAsBoolean();
        });
        // later, or after a crash, from the last count reported:
        articles.importInBatches(source.get().skip(imported), Progress.NONE);
        // end::import-in-batches[]
        return imported;
    }
}
