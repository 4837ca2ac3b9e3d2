package io.github.articletag;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.articletag.testing.CountingDataSource;
import io.github.articletag.testing.RoundTripCounter;
import io.github.articletag.testing.TestDatabase;
import io.github.articletag.testing.TestDatabaseExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What each call costs in round trips, as the server counts them ({@code Questions}: every statement, each
 * {@code SET}, {@code COMMIT} and {@code ROLLBACK} a driver sends; pings are not counted) and, where one text
 * carries several statements, as the client sends them ({@link RoundTripCounter}), through the library's own pool
 * and through an application's pool as Spring Boot configures one (autocommit on, the server's default isolation).
 */
@ExtendWith(TestDatabaseExtension.class)
class RoundTripsTest {

    private TestDatabase db;
    private int articleId;

    @BeforeEach
    void tagOneArticle(TestDatabase db, Database database) {
        this.db = db;
        Article article = new Article("round trips");
        article.addTag(new Tag("java"));
        articleId = database.articles().save(article).getId();
        Article other = new Article("other");
        List.of("go", "kotlin", "scala", "rust").forEach(name -> other.addTag(new Tag(name)));
        database.articles().save(other);
    }

    @Test
    void aReadOfOneStatementIsOneRoundTripOnAnAutocommitPoolAndTwoOnTheLibrarysOwn() throws Exception {
        Consumer<Database> findByName = database -> database.tags().findByName("java").orElseThrow();
        Consumer<Database> page = database -> database.articles().findTagged("java", null, 10);
        Consumer<Database> combined = database -> database.articles().find(TagQuery.withAll("java").andNone("go"), null, 10);
        try (HikariDataSource boot = bootPool(); Database overBoot = Database.open(boot)) {
            assertEquals(1, roundTrips(overBoot, findByName), "a tag by name");
            assertEquals(1, roundTrips(overBoot, page), "a page of one tag");
            assertEquals(2, roundTrips(overBoot, combined), "the tags' lookup and the page");
        }
        Database own = db.database();
        assertEquals(2, roundTrips(own, findByName), "a tag by name, then the commit");
        assertEquals(2, roundTrips(own, page), "a page of one tag, then the commit");
        assertEquals(3, roundTrips(own, combined), "the tags' lookup, the page, the commit");
    }

    @Test
    void aWriteIsItsStatementsAndTheCommitOnTheLibrarysOwnPool() throws Exception {
        assertEquals(4 + 1, roundTrips(db.database(), database -> database.articles().tag(articleId, "go"),
                database -> database.articles().tag(articleId, "kotlin")),
                "tag with an existing tag's name: its 4 statements and the commit");
        try (HikariDataSource boot = bootPool(); Database overBoot = Database.open(boot)) {
            // Hibernate turns autocommit off and on again around the transaction, and the library asks for READ
            // COMMITTED for this transaction (Spring Boot's pool is at the server's REPEATABLE READ).
            assertEquals(1 + 1 + 4 + 1 + 1, roundTrips(overBoot, database -> database.articles().tag(articleId, "scala"),
                    database -> database.articles().tag(articleId, "rust")), "the same over an autocommit pool");
        }
    }

    @Test
    void aWritesLinksAndCountChangesShareOneRoundTripOnTheLibrarysOwnPool() throws Exception {
        try (Database own = Database.open(db.settings(), RoundTripCounter.DRIVER_PROPERTY)) {
            own.articles().tag(articleId, "go");
            assertEquals(4, sent(own, database -> database.articles().tag(articleId, "kotlin")),
                    "tag: its tags, the name's lookup, the links with their count changes, the commit");
            own.articles().untag(articleId, "go");
            assertEquals(3, sent(own, database -> database.articles().untag(articleId, "kotlin")),
                    "untag: the name's lookup, the count change with the link's removal, the commit");
            assertEquals(5, roundTrips(own, database -> database.articles().tag(articleId, "scala"),
                            database -> database.articles().tag(articleId, "kotlin")),
                    "the server counts each statement of the one round trip");
        }
        try (HikariDataSource boot = bootPool(); Database overBoot = Database.open(boot)) {
            overBoot.articles().tag(articleId, "rust");
            assertEquals(1 + 1 + 4 + 1 + 1, sent(overBoot, database -> database.articles().tag(articleId, "go")),
                    "an application's pool takes one statement at a time");
        }
    }

    /** The queries the client sends for {@code call} after a warm-up call of the same kind. */
    private static long sent(Database database, Consumer<Database> call) {
        return RoundTripCounter.count(() -> call.accept(database));
    }

    /** A pool as Spring Boot makes one: autocommit on, the server's isolation level (REPEATABLE READ). */
    private HikariDataSource bootPool() {
        HikariConfig config = CountingDataSource.applicationPool(db.settings(), "boot-like");
        config.setTransactionIsolation(null);
        config.addDataSourceProperty("queryInterceptors", RoundTripCounter.class.getName());
        return new HikariDataSource(config);
    }

    /** The statements one call sends after a warm-up call, as the server counts them. */
    private long roundTrips(Database database, Consumer<Database> call) throws Exception {
        return roundTrips(database, call, call);
    }

    /** The statements {@code call} sends after {@code warmUp}, as the server counts them. */
    private long roundTrips(Database database, Consumer<Database> warmUp, Consumer<Database> call) throws Exception {
        warmUp.accept(database);
        try (Connection counter = db.connect()) {
            Thread.sleep(1_100); // the counts' folder, a second after a write, is not the call's
            long reading = -questions(counter) + questions(counter);
            long before = questions(counter);
            call.accept(database);
            return questions(counter) - before - reading;
        }
    }

    private static long questions(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SHOW GLOBAL STATUS LIKE 'Questions'")) {
            result.next();
            return result.getLong(2);
        }
    }
}
