package io.github.articletag.internal;

import org.hibernate.boot.model.naming.Identifier;
import org.hibernate.boot.registry.StandardServiceInitiator;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.dialect.Dialect;
import org.hibernate.engine.jdbc.env.internal.JdbcEnvironmentInitiator;
import org.hibernate.engine.jdbc.env.spi.ExtractedDatabaseMetaData;
import org.hibernate.engine.jdbc.env.spi.IdentifierHelper;
import org.hibernate.engine.jdbc.env.spi.JdbcEnvironment;
import org.hibernate.engine.jdbc.env.spi.LobCreatorBuilder;
import org.hibernate.engine.jdbc.env.spi.NameQualifierSupport;
import org.hibernate.engine.jdbc.env.spi.QualifiedObjectNameFormatter;
import org.hibernate.engine.jdbc.spi.SqlExceptionHelper;
import org.hibernate.engine.config.spi.ConfigurationService;
import org.hibernate.engine.config.spi.StandardConverters;
import org.hibernate.cfg.JdbcSettings;
import org.hibernate.service.spi.ServiceContributor;
import org.hibernate.service.spi.ServiceRegistryImplementor;
import org.hibernate.sql.ast.SqlAstTranslatorFactory;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Keeps the conflicts the library resolves itself out of Hibernate's WARN log. Hibernate logs every failed
 * statement on {@code org.hibernate.orm.jdbc.error} at WARN ({@code SqlExceptionHelper.logExceptions}) before
 * anyone can handle it, and offers no level per error (only {@code hibernate.jdbc.log.errors}, all or nothing).
 * This contributor, installed in every Hibernate service registry through {@code META-INF/services}, gives
 * Hibernate an exception helper that logs a conflict at DEBUG instead while the current thread runs an attempt
 * that {@link Transactions} will run again after a conflict ({@link #retryable}), and any failure of work the
 * library handles whole ({@link #handled}: the background fold of the counts' changes); everything else, the
 * application's own sessions included, is logged as Hibernate logs it. An application that turned the logging
 * off keeps it off.
 */
public final class RetriedConflicts implements ServiceContributor {

    /** Where the library logs the conflicts it retries, at DEBUG. */
    static final Logger LOG = Logger.getLogger("io.github.articletag.retries");

    /** Whether the current thread runs an attempt that a conflict makes run again. */
    private static final ThreadLocal<Boolean> RETRYABLE = ThreadLocal.withInitial(() -> false);

    /** Whether the current thread runs work whose every failure the library handles (the background fold). */
    private static final ThreadLocal<Boolean> HANDLED = ThreadLocal.withInitial(() -> false);

    /** Runs work whose every failure the library handles and reports itself: none is Hibernate's to warn of. */
    static <R> R handled(Supplier<R> work) {
        return flagged(HANDLED, work);
    }

    /** Runs an attempt that will be run again after a conflict: its conflicts are not Hibernate's to warn of. */
    static <R> R retryable(Supplier<R> attempt) {
        return flagged(RETRYABLE, attempt);
    }

    /** Runs {@code work} with {@code flag} set on the current thread. */
    private static <R> R flagged(ThreadLocal<Boolean> flag, Supplier<R> work) {
        flag.set(true);
        try {
            return work.get();
        } finally {
            flag.set(false);
        }
    }

    @Override
    public void contribute(StandardServiceRegistryBuilder registry) {
        registry.addInitiator(new StandardServiceInitiator<JdbcEnvironment>() {
            @Override
            public Class<JdbcEnvironment> getServiceInitiated() {
                return JdbcEnvironment.class;
            }

            @Override
            public JdbcEnvironment initiateService(Map<String, Object> settings, ServiceRegistryImplementor services) {
                JdbcEnvironment standard = JdbcEnvironmentInitiator.INSTANCE.initiateService(settings, services);
                ConfigurationService configuration = services.requireService(ConfigurationService.class);
                if (!configuration.getSetting(JdbcSettings.LOG_JDBC_ERRORS, StandardConverters.BOOLEAN, true)) {
                    return standard;
                }
                boolean logWarnings = configuration.getSetting(JdbcSettings.LOG_JDBC_WARNINGS,
                        StandardConverters.BOOLEAN, standard.getDialect().isJdbcLogWarningsEnabledByDefault());
                return new Environment(standard, new Helper(standard.getSqlExceptionHelper(), logWarnings));
            }
        });
    }

    /** Hibernate's helper, but for the conflicts of a retryable attempt. */
    private static final class Helper extends SqlExceptionHelper {

        Helper(SqlExceptionHelper standard, boolean logWarnings) {
            super(standard.getSqlExceptionConverter(), logWarnings, true);
        }

        @Override
        public void logExceptions(SQLException failure, String message) {
            if (HANDLED.get() || RETRYABLE.get() && ServerErrors.isConflict(failure)) {
                LOG.debugf("%s, to be retried: error %d, SQLState %s: %s", message, failure.getErrorCode(),
                        failure.getSQLState(), failure.getMessage());
            } else {
                super.logExceptions(failure, message);
            }
        }
    }

    /** The standard environment with that helper. */
    private record Environment(JdbcEnvironment standard, SqlExceptionHelper helper) implements JdbcEnvironment {

        @Override
        public SqlExceptionHelper getSqlExceptionHelper() {
            return helper;
        }

        @Override
        public Dialect getDialect() {
            return standard.getDialect();
        }

        @Override
        public SqlAstTranslatorFactory getSqlAstTranslatorFactory() {
            return standard.getSqlAstTranslatorFactory();
        }

        @Override
        public ExtractedDatabaseMetaData getExtractedDatabaseMetaData() {
            return standard.getExtractedDatabaseMetaData();
        }

        @Override
        public Identifier getCurrentCatalog() {
            return standard.getCurrentCatalog();
        }

        @Override
        public Identifier getCurrentSchema() {
            return standard.getCurrentSchema();
        }

        @Override
        public QualifiedObjectNameFormatter getQualifiedObjectNameFormatter() {
            return standard.getQualifiedObjectNameFormatter();
        }

        @Override
        public IdentifierHelper getIdentifierHelper() {
            return standard.getIdentifierHelper();
        }

        @Override
        public NameQualifierSupport getNameQualifierSupport() {
            return standard.getNameQualifierSupport();
        }

        @Override
        public LobCreatorBuilder getLobCreatorBuilder() {
            return standard.getLobCreatorBuilder();
        }
    }
}
