package io.github.articletag.spring;

import io.github.articletag.Database;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * UP when the schema fits and the server the DataSource reaches accepts writes. Its details: {@code schema}
 * ({@code "valid"} or the differences), {@code server} (product and version), {@code endpoint} (the host and
 * port the server reports: behind MySQL Router, the member that answered), {@code readOnly}, and on a Group
 * Replication member {@code member} (its role and state). DOWN names the reason.
 */
final class DatabaseHealthIndicator extends AbstractHealthIndicator {

    private static final int ER_TABLEACCESS_DENIED_ERROR = 1142;

    private final Database database;

    DatabaseHealthIndicator(Database database) {
        super("article-tag health check failed");
        this.database = database;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        boolean mysql = database.server().product().equals("MySQL");
        // One transaction, tried once: a probe answers at once, where validateSchema() would retry for seconds.
        List<String> problems = new ArrayList<>();
        Map<String, Object> endpoint = database.fromTransaction(session -> {
            problems.addAll(database.validateSchema(session));
            return session.doReturningWork(connection -> endpoint(connection, mysql));
        });
        boolean readOnly = Boolean.TRUE.equals(endpoint.get("readOnly"));
        builder.withDetail("schema", problems.isEmpty() ? "valid" : problems)
                .withDetail("server", database.server().toString())
                .withDetails(endpoint);
        if (!problems.isEmpty()) {
            builder.down().withDetail("reason", "the schema does not fit the library");
        } else if (readOnly) {
            builder.down().withDetail("reason", "the server the DataSource reaches refuses writes"
                    + " (read_only): not a primary");
        } else {
            builder.up();
        }
    }

    /** Whether the group_replication plugin runs on this server: information_schema tells anyone. */
    private static boolean groupReplicationActive(Statement statement) throws SQLException {
        try (ResultSet plugin = statement.executeQuery("SELECT 1 FROM information_schema.PLUGINS"
                + " WHERE PLUGIN_NAME = 'group_replication' AND PLUGIN_STATUS = 'ACTIVE'")) {
            return plugin.next();
        }
    }

    /** Which server answered, whether it takes writes, and its Group Replication role if it is a member. */
    private static Map<String, Object> endpoint(Connection connection, boolean mysql) throws SQLException {
        Map<String, Object> details = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement()) {
            try (ResultSet server = statement.executeQuery(mysql
                    ? "SELECT @@hostname, @@port, @@read_only OR @@super_read_only"
                    : "SELECT @@hostname, @@port, @@read_only")) {
                server.next();
                details.put("endpoint", server.getString(1) + ":" + server.getInt(2));
                details.put("readOnly", server.getBoolean(3));
            }
            if (mysql && groupReplicationActive(statement)) {
                try (ResultSet member = statement.executeQuery("SELECT MEMBER_ROLE, MEMBER_STATE"
                        + " FROM performance_schema.replication_group_members WHERE MEMBER_ID = @@server_uuid")) {
                    if (member.next()) {
                        Map<String, String> role = new LinkedHashMap<>();
                        role.put("role", member.getString(1));
                        role.put("state", member.getString(2));
                        details.put("member", role);
                    }
                } catch (SQLException e) {
                    if (e.getErrorCode() != ER_TABLEACCESS_DENIED_ERROR) {
                        throw e;
                    }
                    // Caught here, before Hibernate would log it at WARN on every health check.
                    details.put("member", "unknown: GRANT SELECT ON performance_schema.replication_group_members"
                            + " to the application's user");
                }
            }
        }
        return details;
    }
}
