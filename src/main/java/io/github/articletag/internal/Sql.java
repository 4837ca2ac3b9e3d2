package io.github.articletag.internal;

import org.hibernate.Session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The one way the library runs SQL of its own: JDBC on the session's connection, in the session's transaction.
 *
 * <p>Hibernate's query API serves where entities are read (HQL, {@code session.find}); everything else is SQL
 * here, for what Hibernate's native queries cannot do or do dearly: JDBC batches that the driver rewrites into
 * multi-row INSERTs, generated keys of those, locking reads mapped by hand, and rows read into records without
 * building entities, whose cost the guide's performance page, src/docs/performance.md measures. Each call prepares its statement,
 * binds the parameters in order ({@code setObject}) and closes it.
 */
public final class Sql {

    /** Reads one row of a result into a value. */
    @FunctionalInterface
    public interface Row<T> {
        /** The value of the current row. */
        T read(ResultSet row) throws SQLException;
    }

    /** Work on the session's connection. */
    @FunctionalInterface
    public interface Work<R> {
        /** Does the work. */
        R run(Sql sql) throws SQLException;
    }

    /**
     * Rows per JDBC batch, and ids or keys per {@code IN} list: bounds the driver's memory, and each INSERT the
     * driver rewrites a batch into stays well under 1 MiB.
     */
    public static final int CHUNK = 1000;

    /** One INSERT, UPDATE or DELETE with its parameters, for {@link #updates}. */
    public record Update(String text, List<?> parameters) {
    }

    /**
     * The own pool's driver property that lets one round trip carry several statements ({@link #updates}). Not
     * among the published driver properties: on an application's pool it would let the application's own SQL do
     * the same, which a query built from input would turn into an injection of any statement.
     */
    static final String MULTI_STATEMENTS = "hibernate.hikari.dataSource.allowMultiQueries";

    private final Connection connection;
    /** Whether the driver sends several statements as one ({@link #MULTI_STATEMENTS} is on). */
    private final boolean multiStatements;

    private Sql(Connection connection, boolean multiStatements) {
        this.connection = connection;
        this.multiStatements = multiStatements;
    }

    /** Runs {@code work} on the session's connection, in its transaction. */
    public static <R> R on(Session session, Work<R> work) {
        boolean multiStatements = "true".equals(session.getSessionFactory().getProperties()
                .get(MULTI_STATEMENTS));
        return session.doReturningWork(connection -> work.run(new Sql(connection, multiStatements)));
    }

    /** The same, on a connection Hibernate hands to a listener. */
    public static <R> R on(Connection connection, Work<R> work) throws SQLException {
        return work.run(new Sql(connection, false));
    }

    /** {@code count} comma-separated placeholders, for an {@code IN} list. */
    public static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    /** Every row of the query. */
    public <T> List<T> list(String text, Row<T> row, List<?> parameters) throws SQLException {
        try (PreparedStatement statement = prepare(text, parameters);
             ResultSet result = statement.executeQuery()) {
            List<T> rows = new ArrayList<>();
            while (result.next()) {
                rows.add(row.read(result));
            }
            return rows;
        }
    }

    /** Passes every row of the query to {@code row}, for results that are more than a list of rows. */
    public void forEach(String text, Row<?> row, List<?> parameters) throws SQLException {
        try (PreparedStatement statement = prepare(text, parameters);
             ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                row.read(result);
            }
        }
    }

    /** Every row of the query. */
    public <T> List<T> list(String text, Row<T> row, Object... parameters) throws SQLException {
        return list(text, row, Arrays.asList(parameters));
    }

    /** The query's first row, if any. */
    public <T> Optional<T> first(String text, Row<T> row, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(text, Arrays.asList(parameters));
             ResultSet result = statement.executeQuery()) {
            return result.next() ? Optional.of(row.read(result)) : Optional.empty();
        }
    }

    /** Whether the query finds a row. */
    public boolean exists(String text, Object... parameters) throws SQLException {
        return first(text, row -> true, parameters).isPresent();
    }

    /** Runs an INSERT, UPDATE or DELETE; returns its row count. */
    public int update(String text, List<?> parameters) throws SQLException {
        try (PreparedStatement statement = prepare(text, parameters)) {
            return statement.executeUpdate();
        }
    }

    /** Runs an INSERT, UPDATE or DELETE; returns its row count. */
    public int update(String text, Object... parameters) throws SQLException {
        return update(text, Arrays.asList(parameters));
    }

    /**
     * Runs these INSERTs, UPDATEs and DELETEs in order; returns each one's row count. Where the driver takes
     * several statements at once (the library's own pool) they go in one round trip, else one by one; either way
     * the first that fails stops the rest and its error is thrown.
     */
    public int[] updates(List<Update> updates) throws SQLException {
        int[] counts = new int[updates.size()];
        if (!multiStatements || updates.size() <= 1) {
            for (int i = 0; i < counts.length; i++) {
                counts[i] = update(updates.get(i).text(), updates.get(i).parameters());
            }
            return counts;
        }
        List<Object> parameters = new ArrayList<>();
        updates.forEach(update -> parameters.addAll(update.parameters()));
        try (PreparedStatement statement = prepare(updates.stream().map(Update::text)
                .collect(Collectors.joining(";\n")), parameters)) {
            statement.execute();
            for (int i = 0; i < counts.length; i++) {
                counts[i] = statement.getUpdateCount();
                statement.getMoreResults(); // the next statement's outcome: its error is thrown here
            }
        }
        return counts;
    }

    /** Runs an INSERT of one row; returns the key it generated (or, for an upsert, {@code LAST_INSERT_ID(id)}). */
    public int insert(String text, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(text, Statement.RETURN_GENERATED_KEYS)) {
            bind(statement, Arrays.asList(parameters));
            statement.executeUpdate();
            return keys(statement).get(0);
        }
    }

    /**
     * Runs the statement once per parameter list, as one JDBC batch; returns each one's row count, or
     * {@code Statement.SUCCESS_NO_INFO} where the driver rewrote the batch into one multi-row INSERT.
     */
    public int[] batch(String text, List<? extends List<?>> rows) throws SQLException {
        if (rows.isEmpty()) {
            return new int[0];
        }
        try (PreparedStatement statement = connection.prepareStatement(text)) {
            for (List<?> parameters : rows) {
                bind(statement, parameters);
                statement.addBatch();
            }
            return statement.executeBatch();
        }
    }

    /**
     * Runs an INSERT of one row per parameter list as one JDBC batch (one multi-row INSERT, rewritten by the
     * driver); returns the generated keys, in order.
     */
    public List<Integer> batchInsert(String text, List<? extends List<?>> rows) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(text, Statement.RETURN_GENERATED_KEYS)) {
            for (List<?> parameters : rows) {
                bind(statement, parameters);
                statement.addBatch();
            }
            statement.executeBatch();
            return keys(statement);
        }
    }

    /** Runs a statement without parameters, such as DDL or a {@code SET}. */
    public void execute(String text) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(text);
        }
    }

    private PreparedStatement prepare(String text, List<?> parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(text);
        try {
            bind(statement, parameters);
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    private static void bind(PreparedStatement statement, List<?> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            statement.setObject(i + 1, parameters.get(i));
        }
    }

    private static List<Integer> keys(Statement statement) throws SQLException {
        List<Integer> keys = new ArrayList<>();
        try (ResultSet generated = statement.getGeneratedKeys()) {
            while (generated.next()) {
                keys.add(generated.getInt(1));
            }
        }
        return keys;
    }
}
