package io.github.articletag.spring;

import io.github.articletag.Database;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Adds the library's migrations to {@code spring.flyway.locations}, after the application's configuration is
 * read, unless {@code articletag.flyway.add-location=false}: Boot's Flyway then runs them with the
 * application's own. A property rather than a Flyway customizer, so that the library needs no Flyway classes
 * (Flyway's jar has no module name to require).
 */
final class FlywayLocation implements EnvironmentPostProcessor, Ordered {

    static final String LOCATIONS = "spring.flyway.locations";

    /** Boot's FlywayProperties default, which an application that sets nothing migrates from. */
    private static final String DEFAULT_DIRECTORY = "db/migration";
    private static final String DEFAULT_LOCATION = "classpath:" + DEFAULT_DIRECTORY;

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!ArticleTagProperties.bound(environment).getFlyway().isAddLocation()) {
            return;
        }
        // Boot's default stays only where it exists: Flyway warns of every location it cannot find.
        ClassLoader classLoader = application == null ? FlywayLocation.class.getClassLoader()
                : application.getClassLoader();
        List<String> locations = new ArrayList<>(Binder.get(environment).bind(LOCATIONS, Bindable.listOf(String.class))
                .orElse(classLoader.getResource(DEFAULT_DIRECTORY) == null ? List.of() : List.of(DEFAULT_LOCATION)));
        if (!locations.contains(Database.FLYWAY_LOCATION)) {
            locations.add(Database.FLYWAY_LOCATION);
            environment.getPropertySources().addFirst(new MapPropertySource("articletag-flyway-location",
                    Map.of(LOCATIONS, String.join(",", locations))));
        }
    }

    /** After the application's configuration files are read. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
