package io.github.articletag.testing;

import io.github.articletag.ArticleRepository;
import io.github.articletag.Database;
import io.github.articletag.TagRepository;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests an empty schema before each test, and as parameters what they use of it: the {@link TestDatabase}
 * (the server, plain JDBC, counted statements), its {@link Database}, or the repositories themselves.
 *
 * <p>The server is started once per test run, on first use, and kept in the root context's store, which
 * closes it when the run ends: every test class shares it. Which server it is, is decided in
 * {@link TestServer#start()}.
 */
public final class TestDatabaseExtension implements ParameterResolver, BeforeEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(TestDatabaseExtension.class);

    static TestDatabase shared(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(Startup.class, key -> Startup.attempt(), Startup.class).database();
    }

    /**
     * The one attempt to start the server: a failure is kept too, so that every test class reports it at once
     * instead of each trying again (a container that cannot be pulled would otherwise time out per class).
     */
    private record Startup(TestDatabase started, RuntimeException failure) implements AutoCloseable {

        static Startup attempt() {
            try {
                return new Startup(new TestDatabase(TestServer.start()), null);
            } catch (RuntimeException e) {
                return new Startup(null, e);
            }
        }

        TestDatabase database() {
            if (failure != null) {
                throw new IllegalStateException("no test database: " + failure.getMessage(), failure);
            }
            return started;
        }

        @Override
        public void close() {
            if (started != null) {
                started.close();
            }
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        TestDatabase database = shared(context);
        database.database().recreateSchema();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == TestDatabase.class || type == Database.class || type == ArticleRepository.class
                || type == TagRepository.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        TestDatabase db = shared(context);
        Class<?> type = parameter.getParameter().getType();
        if (type == Database.class) {
            return db.database();
        }
        if (type == ArticleRepository.class) {
            return db.database().articles();
        }
        if (type == TagRepository.class) {
            return db.database().tags();
        }
        return db;
    }
}
