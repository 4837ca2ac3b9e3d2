package io.github.articletag.spring;

import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The library's migrations joined to spring.flyway.locations, however the application set them. */
class FlywayLocationTest {

    private static final String LIBRARY = "classpath:io/github/articletag/migration";

    @Test
    void anApplicationThatSetsNoLocationKeepsBootsDefaultAndGetsTheLibrarys() {
        assertEquals("classpath:db/migration," + LIBRARY, locationsAfter(Map.of()));
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
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("application", properties));
        new FlywayLocation().postProcessEnvironment(environment, null);
        return String.join(",", org.springframework.boot.context.properties.bind.Binder.get(environment)
                .bind(FlywayLocation.LOCATIONS, org.springframework.boot.context.properties.bind.Bindable
                        .listOf(String.class)).get());
    }
}
