package io.github.articletag.docs;

import japicmp.cmp.JApiCmpArchive;
import japicmp.cmp.JarArchiveComparator;
import japicmp.cmp.JarArchiveComparatorOptions;
import japicmp.model.AccessModifier;
import japicmp.model.JApiChangeStatus;
import japicmp.model.JApiClass;
import japicmp.model.JApiCompatibility;
import japicmp.model.JApiHasAccessModifier;
import japicmp.model.JApiHasChangeStatus;
import japicmp.model.JApiModifier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The public API against the last release's jar ({@code -Darticletag.api.baseline=JAR}; CI builds it from the
 * release's tag): every class, constructor, method or field of an exported package that was added, removed or
 * changed is named in the changelog's Unreleased section, and one that breaks code written against the release
 * is named under its Breaking heading. Without the property there is no release to compare with, and the test is
 * skipped.
 */
class ApiChangelogTest {

    private static final Path CHANGELOG = Path.of("src/docs/changelog.md");
    private static final Path CLASSES = Path.of("target/classes");

    @Test
    void everyApiChangeSinceTheLastReleaseIsInTheChangelog() throws IOException {
        String baseline = System.getProperty("articletag.api.baseline");
        Assumptions.assumeTrue(baseline != null && !baseline.isBlank(), "no -Darticletag.api.baseline=JAR given");
        Path released = Path.of(baseline);
        assertTrue(Files.isRegularFile(released), "the baseline jar " + released + " does not exist");

        TreeMap<String, Boolean> changes = changes(released); // name -> breaking
        String unreleased = section(Files.readString(CHANGELOG), "## Unreleased");
        String breaking = section(unreleased, "### Breaking");
        List<String> missing = new ArrayList<>();
        changes.forEach((name, isBreaking) -> {
            if (!unreleased.contains(name)) {
                missing.add(name + (isBreaking ? " (breaking)" : "") + " is not in the changelog's Unreleased section");
            } else if (isBreaking && !breaking.contains(name)) {
                missing.add(name + " breaks code written against the release: list it under ### Breaking");
            }
        });
        System.out.println("[api] changes since " + released.getFileName() + ": " + changes);
        assertEquals(List.of(), missing, "src/docs/changelog.md");
    }

    /** Each API element that differs from the release's, by the name the changelog gives it, and whether it breaks. */
    private static TreeMap<String, Boolean> changes(Path released) throws IOException {
        Set<String> exported = ModuleDescriptor.read(Files.newInputStream(CLASSES.resolve("module-info.class")))
                .exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
        JarArchiveComparatorOptions options = new JarArchiveComparatorOptions();
        options.setAccessModifier(AccessModifier.PROTECTED);
        // Types of Hibernate, Spring and Micrometer in signatures are compared by name.
        options.getIgnoreMissingClasses().setIgnoreAllMissingClasses(true);
        Path current = jarOf(CLASSES);
        TreeMap<String, Boolean> changes = new TreeMap<>();
        try {
            List<JApiClass> classes = new JarArchiveComparator(options).compare(
                    new JApiCmpArchive(released.toFile(), "released"), new JApiCmpArchive(current.toFile(), "current"));
            for (JApiClass type : classes) {
                String name = type.getFullyQualifiedName();
                String pkg = name.substring(0, name.lastIndexOf('.'));
                if (!exported.contains(pkg) || !changed(type) || !visible(type)) {
                    continue;
                }
                String simple = name.substring(pkg.length() + 1).replace('$', '.');
                // A class added or removed is named as a whole; a changed one by its members that changed.
                boolean membersOnly = type.getChangeStatus() == JApiChangeStatus.MODIFIED;
                if (membersOnly) {
                    type.getMethods().forEach(method -> record(changes, simple + "." + method.getName(), method));
                    type.getConstructors().forEach(constructor -> record(changes, simple + "(", constructor));
                    type.getFields().forEach(field -> record(changes, simple + "." + field.getName(), field));
                }
                boolean classItself = !membersOnly || type.getSuperclass().getChangeStatus() != JApiChangeStatus.UNCHANGED
                        || type.getInterfaces().stream().anyMatch(ApiChangelogTest::changed)
                        || type.getModifiers().stream().anyMatch(ApiChangelogTest::changed);
                if (classItself) {
                    changes.merge(simple, !type.isBinaryCompatible() || !type.isSourceCompatible()
                            && type.getChangeStatus() != JApiChangeStatus.NEW, Boolean::logicalOr);
                }
            }
        } finally {
            Files.deleteIfExists(current);
        }
        return changes;
    }

    private static <T extends JApiHasChangeStatus & JApiCompatibility & JApiHasAccessModifier> void record(
            TreeMap<String, Boolean> changes, String name, T element) {
        if (changed(element) && visible(element)) {
            changes.merge(name, !element.isBinaryCompatible() || !element.isSourceCompatible(), Boolean::logicalOr);
        }
    }

    /** Public or protected, before or after: what code outside the library can use or could. */
    private static boolean visible(JApiHasAccessModifier element) {
        JApiModifier<AccessModifier> access = element.getAccessModifier();
        return Stream.of(access.getOldModifier(), access.getNewModifier()).flatMap(Optional::stream)
                .anyMatch(modifier -> modifier == AccessModifier.PUBLIC || modifier == AccessModifier.PROTECTED);
    }

    private static boolean changed(JApiHasChangeStatus element) {
        return element.getChangeStatus() != JApiChangeStatus.UNCHANGED;
    }

    /** The text under {@code heading} up to the next heading of the same level or above, or "". */
    private static String section(String text, String heading) {
        int start = text.indexOf("\n" + heading + "\n");
        if (start < 0) {
            return "";
        }
        String level = heading.substring(0, heading.indexOf(' ') + 1);
        String rest = text.substring(start + heading.length() + 2);
        int end = Stream.iterate(level, prefix -> prefix.length() > 1, prefix -> prefix.substring(1))
                .mapToInt(prefix -> rest.indexOf("\n" + prefix)).filter(at -> at >= 0).min().orElse(rest.length());
        return rest.substring(0, end);
    }

    /** The compiled classes as a jar, which japicmp compares (the test phase runs before the jar is made). */
    private static Path jarOf(Path classes) throws IOException {
        Path jar = Files.createTempFile("article-tag-current", ".jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
             Stream<Path> all = Files.walk(classes)) {
            for (Path path : all.filter(p -> p.toString().endsWith(".class")).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(path).toString().replace('\\', '/')));
                Files.copy(path, out);
                out.closeEntry();
            }
        }
        return jar;
    }
}
