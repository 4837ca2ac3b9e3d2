package example;

import io.github.articletag.Tag;
import io.github.articletag.ConnectionSettings;
import io.github.articletag.Database;
import io.github.articletag.SampleData;

import java.util.List;
import java.util.stream.Collectors;

/** Runs the sample scenario on the server in DB_URL and reads it back; exits 1 if anything differs. */
public final class Consumer {

    public static void main(String[] args) {
        ConnectionSettings settings = ConnectionSettings.fromEnvironment()
                .orElseThrow(() -> new IllegalStateException("set DB_URL, DB_USER and DB_PASSWORD"));
        try (Database db = Database.open(settings)) {
            db.recreateSchema();
            SampleData.persist(db);
            List<String> read = db.articles().findPage(null, 1000).items().stream()
                    .map(article -> article.getTitle() + "=" + article.getTags().stream()
                            .map(Tag::getName).sorted().collect(Collectors.joining(",")))
                    .toList();
            List<String> expected = List.of("article1=tag1,tag2", "article2=tag1,tag2");
            System.out.println("consumer read back " + read + " from " + db.server());
            if (!read.equals(expected)) {
                System.err.println("consumer expected " + expected);
                System.exit(1);
            }
        }
    }
}
