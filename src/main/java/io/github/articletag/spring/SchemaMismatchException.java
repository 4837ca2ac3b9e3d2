package io.github.articletag.spring;

import java.util.List;

/**
 * The application's database does not fit the library: thrown at start-up by {@link ArticleTagAutoConfiguration}
 * when {@code articletag.schema.validate} is on, listing every difference found. Spring Boot reports it as
 * "APPLICATION FAILED TO START" with the differences and what to do.
 */
public class SchemaMismatchException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** What to do about it, the failure report's "Action". */
    static final String ACTION = "Migrate the database with Flyway (the library's migrations are added to"
            + " spring.flyway.locations unless articletag.flyway.add-location=false), or set"
            + " articletag.schema.validate=false to start anyway.";

    /** The differences. */
    private final List<String> problems;

    /** @param problems the differences, as {@link io.github.articletag.Database#validateSchema()} lists them */
    public SchemaMismatchException(List<String> problems) {
        super(describe(problems) + "\n" + ACTION);
        this.problems = List.copyOf(problems);
    }

    /** The differences, one per entry. */
    public List<String> getProblems() {
        return problems;
    }

    /** The failure report's "Description": the differences, one per line. */
    static String describe(List<String> problems) {
        return "The database's schema does not fit article-tag (" + problems.size() + " difference"
                + (problems.size() == 1 ? "" : "s") + "):\n  - " + String.join("\n  - ", problems);
    }
}
