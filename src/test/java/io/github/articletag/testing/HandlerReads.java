package io.github.articletag.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.articletag.ConnectionSettings;
import io.github.articletag.Database;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Supplier;

/**
 * What a call costs the server, in rows: a {@link Database} over a pool of one connection, and that connection's
 * {@code Handler_read_*} counters (index entries and rows the storage engine handed up) summed around the call.
 * MySQL and MariaDB both keep them per session, so a query that falls back to a scan shows at once.
 */
public final class HandlerReads implements AutoCloseable {

    private final HikariDataSource pool;
    private final Database database;
    private final long overhead;

    /** A pool of one connection on the given server, and the library over it. */
    public HandlerReads(ConnectionSettings settings) {
        this(settings, java.util.List.of());
    }

    /** A pool of one connection on the given server, and the library over it with these entities of its own. */
    public HandlerReads(ConnectionSettings settings, java.util.List<Class<?>> entityClasses) {
        HikariConfig config = CountingDataSource.applicationPool(settings, "one-connection");
        config.setMaximumPoolSize(1);
        pool = new HikariDataSource(config);
        database = Database.open(pool, java.util.Map.of(), entityClasses);
        overhead = reads() - reads(); // negated below: what reading the counters itself costs
    }

    /** The library on that one connection. */
    public Database database() {
        return database;
    }

    /** How many rows the server read for {@code call}. */
    public long of(Supplier<?> call) {
        long before = reads();
        call.get();
        return reads() - before + overhead;
    }

    private long reads() {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SHOW SESSION STATUS LIKE 'Handler_read%'")) {
            long reads = 0;
            while (result.next()) {
                reads += result.getLong(2);
            }
            return reads;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        database.close();
        pool.close();
    }
}
