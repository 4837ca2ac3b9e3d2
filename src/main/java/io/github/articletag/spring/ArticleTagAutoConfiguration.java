package io.github.articletag.spring;

import com.zaxxer.hikari.HikariDataSource;
import io.github.articletag.ArticleRepository;
import io.github.articletag.Database;
import io.github.articletag.TagRepository;
import io.github.articletag.Taggable;
import io.github.articletag.TaggedRepository;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;

import javax.sql.DataSource;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Spring Boot's auto-configuration of the library, listed in the jar's
 * {@code META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports}: with a single
 * {@code DataSource} in the context, a {@link Database} over it (opened after Flyway has migrated, its schema
 * validated), and its {@link ArticleRepository} and {@link TagRepository} as beans; the application's entities that
 * extend {@link Taggable}, in the packages of its {@code @SpringBootApplication}, are its tagged types, each with
 * a {@link TaggedRepository} bean. Each bean backs off when the application defines its own (but for the tagged
 * types' repositories, which are the database's). The driver properties of {@link Database#DRIVER_PROPERTIES} are added to Boot's
 * HikariCP pool, and the library's migration location to {@code spring.flyway.locations} (before any
 * auto-configuration runs, by an environment post-processor). Properties: {@link ArticleTagProperties}.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration"})
@ConditionalOnSingleCandidate(DataSource.class)
@EnableConfigurationProperties(ArticleTagProperties.class)
public class ArticleTagAutoConfiguration {

    /** Created by Spring Boot. */
    public ArticleTagAutoConfiguration() {
    }

    /**
     * The library over the application's DataSource, once the application's database initialization (Flyway) has
     * run; closed at shutdown, leaving the DataSource to Boot.
     *
     * @throws SchemaMismatchException if {@code articletag.schema.validate} is on and the schema does not fit
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    @DependsOnDatabaseInitialization
    Database articletagDatabase(DataSource dataSource, ArticleTagProperties properties, BeanFactory beanFactory) {
        Database database = Database.open(dataSource, Map.of(), EntityScan.entities(beanFactory));
        try {
            if (properties.getSchema().isValidate()) {
                List<String> problems = database.validateSchema();
                if (!problems.isEmpty()) {
                    throw new SchemaMismatchException(problems);
                }
            }
            return database;
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** The database's article repository, for injection. */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnSingleCandidate(Database.class)
    ArticleRepository articletagArticleRepository(Database database) {
        return database.articles();
    }

    /** The database's tag repository, for injection. */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnSingleCandidate(Database.class)
    TagRepository articletagTagRepository(Database database) {
        return database.tags();
    }

    /**
     * A {@code TaggedRepository<T>} bean for each of the application's tagged types ({@link EntityScan}), taken
     * from the {@link Database} bean: {@code @Autowired TaggedRepository<Post> posts}. Static, so that the beans
     * are defined before any is created.
     */
    @Bean
    static BeanDefinitionRegistryPostProcessor articletagTaggedRepositories() {
        return new BeanDefinitionRegistryPostProcessor() {
            @Override
            public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
                BeanFactory beans = (BeanFactory) registry;
                for (Class<? extends Taggable> type : EntityScan.tagged(EntityScan.entities(beans))) {
                    RootBeanDefinition definition = new RootBeanDefinition(TaggedRepository.class);
                    definition.setTargetType(ResolvableType.forClassWithGenerics(TaggedRepository.class, type));
                    definition.setInstanceSupplier(() -> beans.getBean(Database.class).tagged(type));
                    registry.registerBeanDefinition("articletagTaggedRepository" + type.getSimpleName(), definition);
                }
            }

            @Override
            public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
            }
        };
    }

    /**
     * Adds {@link Database#DRIVER_PROPERTIES} to every HikariCP pool on MySQL Connector/J before it starts, without
     * replacing what the application set (in its data-source properties, in any letter case, or in the URL, which
     * the driver would let them override). Static, so that it exists before the DataSource is created.
     */
    @Bean
    static BeanPostProcessor articletagDriverProperties(Environment environment) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof HikariDataSource pool && pool.getJdbcUrl() != null
                        && pool.getJdbcUrl().startsWith("jdbc:mysql:") && pool.getHikariPoolMXBean() == null
                        && ArticleTagProperties.bound(environment).getDatasource().isDriverProperties()) {
                    String url = pool.getJdbcUrl().toLowerCase(Locale.ROOT);
                    Database.DRIVER_PROPERTIES.forEach((name, value) -> {
                        boolean set = url.matches(".*[?&]" + name.toLowerCase(Locale.ROOT) + "=.*")
                                || pool.getDataSourceProperties().stringPropertyNames().stream()
                                        .anyMatch(name::equalsIgnoreCase);
                        if (!set) {
                            pool.addDataSourceProperty(name, value);
                        }
                    });
                }
                return bean;
            }
        };
    }
}
