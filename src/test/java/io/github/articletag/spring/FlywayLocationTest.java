package io.github.articletag.spring;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The library's migrations joined to spring.flyway.locations, however the application set them. */
class FlywayLocationTest {

    private static final String LIBRARY = "classpath:io/github/articletag/migration";

    @Test
    void anApplicationThatSetsNoLocationGetsTheLibrarysAndBootsDefaultWhereItExists() {
        assertEquals(LIBRARY, locationsAfter(Map.of()), "the tests have no db/migration, which Flyway would warn of");
    }

    @Test
    void bootsDefaultStaysWhereTheApplicationHasIt(@TempDir Path classes) throws Exception {
        Files.createDirectories(classes.resolve("db/migration"));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, null)) {
            SpringApplication application = new SpringApplication();
            application.setResourceLoader(new DefaultResourceLoader(loader));
            assertEquals("classpath:db/migration," + LIBRARY, locationsAfter(Map.of(), application));
        }
    }

    @Test
    void theApplicationsOwnLocationsComeFirstInEitherForm() {
        assertEquals("classpath:a,classpath:b," + LIBRARY,
                locationsAfter(Map.of("spring.flyway.locations", "classpath:a, classpath:b")));
        assertEquals("classpath:a,classpath:b," + LIBRARY, locationsAfter(Map.of(
                "spring.flyway.locations[0]", "classpath:a", "spring.flyway.locations[1]", "classpath:b")));
    }

    @Test
    void aLocationListedAlreadyOrTurnedOffIsLeftAlone() {
        assertEquals(LIBRARY, locationsAfter(Map.of("spring.flyway.locations", LIBRARY)));
        assertEquals("classpath:a", locationsAfter(Map.of("spring.flyway.locations", "classpath:a",
                "articletag.flyway.add-location", "false")));
    }

    private static String locationsAfter(Map<String, Object> properties) {
        return locationsAfter(properties, null);
    }

    private static String locationsAfter(Map<String, Object> properties, SpringApplication application) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("application", properties));
        new FlywayLocation().postProcessEnvironment(environment, application);
        return String.join(",", org.springframework.boot.context.properties.bind.Binder.get(environment)
                .bind(FlywayLocation.LOCATIONS, org.springframework.boot.context.properties.bind.Bindable
                        .listOf(String.class)).get());
    }
}
