package io.github.articletag.spring;

import io.github.articletag.Taggable;
import jakarta.persistence.Entity;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The application's entities, found where Spring Boot looks for them (the packages of its
 * {@code @SpringBootApplication}, Boot's auto-configuration packages): all of them when one extends
 * {@link Taggable}, since a tagged type may refer to the others; none otherwise, so that an application without
 * tagged types keeps a factory of the library's entities alone.
 */
final class EntityScan {

    private EntityScan() {
    }

    /** The application's entities, if it has a tagged type among them; else none. */
    static List<Class<?>> entities(BeanFactory beanFactory) {
        if (!AutoConfigurationPackages.has(beanFactory)) {
            return List.of();
        }
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Entity.class));
        ClassLoader loader = ClassUtils.getDefaultClassLoader();
        List<Class<?>> entities = new ArrayList<>();
        for (String scanned : AutoConfigurationPackages.get(beanFactory)) {
            scanner.findCandidateComponents(scanned).forEach(candidate -> entities.add(
                    ClassUtils.resolveClassName(candidate.getBeanClassName(), loader)));
        }
        entities.sort(Comparator.comparing(Class::getName));
        return tagged(entities).isEmpty() ? List.of() : List.copyOf(entities);
    }

    /** Those of {@code entities} that extend {@link Taggable}. */
    static List<Class<? extends Taggable>> tagged(List<Class<?>> entities) {
        return entities.stream().filter(Taggable.class::isAssignableFrom)
                .<Class<? extends Taggable>>map(type -> type.asSubclass(Taggable.class)).toList();
    }
}
