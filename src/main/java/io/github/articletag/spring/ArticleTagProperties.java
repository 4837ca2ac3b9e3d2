package io.github.articletag.spring;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * The {@code articletag.*} properties of the Spring Boot auto-configuration ({@link ArticleTagAutoConfiguration}).
 * Every one has a default that suits an application managing its schema with Flyway.
 */
@ConfigurationProperties(ArticleTagProperties.PREFIX)
public class ArticleTagProperties {

    /** Where the properties live: {@code articletag.*}. */
    public static final String PREFIX = "articletag";

    private final Schema schema = new Schema();
    private final Flyway flyway = new Flyway();
    private final Datasource datasource = new Datasource();

    /** Creates the defaults; Spring Boot binds the configured values. */
    public ArticleTagProperties() {
    }

    /** The properties as the environment has them, for what runs before the beans exist. */
    static ArticleTagProperties bound(Environment environment) {
        return Binder.get(environment).bind(PREFIX, ArticleTagProperties.class).orElseGet(ArticleTagProperties::new);
    }

    /** Checking the schema at start-up. */
    public Schema getSchema() {
        return schema;
    }

    /** How the library's migrations reach Flyway. */
    public Flyway getFlyway() {
        return flyway;
    }

    /** What the library adds to the application's DataSource. */
    public Datasource getDatasource() {
        return datasource;
    }

    /** {@code articletag.schema.*}. */
    public static class Schema {

        /**
         * Whether the application fails to start when the database's tables do not fit the library; the failure
         * lists every difference.
         */
        private boolean validate = true;

        /** Whether the schema is validated at start-up. */
        public boolean isValidate() {
            return validate;
        }

        /** Sets whether the schema is validated at start-up. */
        public void setValidate(boolean validate) {
            this.validate = validate;
        }
    }

    /** {@code articletag.flyway.*}. */
    public static class Flyway {

        /**
         * Whether the library's migrations (classpath:io/github/articletag/migration) are added to
         * spring.flyway.locations, so that Spring Boot's Flyway runs them with the application's own. Turn it off
         * when the application's own migrations use the library's version numbers, and run the library's with a
         * history table of their own (see src/docs/spring-boot.md).
         */
        private boolean addLocation = true;

        /** Whether the library's location is added to Spring Boot's Flyway. */
        public boolean isAddLocation() {
            return addLocation;
        }

        /** Sets whether the library's location is added to Spring Boot's Flyway. */
        public void setAddLocation(boolean addLocation) {
            this.addLocation = addLocation;
        }
    }

    /** {@code articletag.datasource.*}. */
    public static class Datasource {

        /**
         * Whether the Connector/J properties the library relies on for speed (Database.DRIVER_PROPERTIES:
         * statement caching, rewritten batches, utf8mb4) are added to Spring Boot's HikariCP pool on MySQL.
         * Properties the application sets itself (spring.datasource.hikari.data-source-properties) win.
         */
        private boolean driverProperties = true;

        /** Whether the driver properties are added. */
        public boolean isDriverProperties() {
            return driverProperties;
        }

        /** Sets whether the driver properties are added. */
        public void setDriverProperties(boolean driverProperties) {
            this.driverProperties = driverProperties;
        }
    }
}
