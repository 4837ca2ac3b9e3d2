package io.github.articletag;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The written rule of what goes where (the packages' documentation), checked on the sources: the API package
 * holds no SQL and imports no {@code java.sql}, and no class of the API and one of {@code internal} depend on each
 * other, even through others.
 */
class PackageRulesTest {

    private static final Path SOURCES = Path.of("src/main/java/io/github/articletag");
    private static final Pattern SQL_TEXT = Pattern.compile("\"\\s*(SELECT|INSERT|UPDATE|DELETE|SET|CREATE|DROP)\\s",
            Pattern.CASE_INSENSITIVE);

    @Test
    void apiClassesHoldNoSqlAndImportNoJdbc() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path source : sources(SOURCES)) {
            String text = Files.readString(source);
            if (text.contains("import java.sql.")) {
                found.add(source.getFileName() + " imports java.sql");
            }
            if (SQL_TEXT.matcher(withoutComments(text)).find()) {
                found.add(source.getFileName() + " holds SQL text");
            }
        }
        assertEquals(List.of(), found);
    }

    @Test
    void noClassOfTheApiAndOneOfInternalDependOnEachOther() throws IOException {
        Map<String, Set<String>> uses = new HashMap<>();
        List<Path> all = new ArrayList<>(sources(SOURCES));
        all.addAll(sources(SOURCES.resolve("internal")));
        for (Path source : all) {
            uses.put(name(source), references(source, all));
        }
        List<String> cycles = new ArrayList<>();
        for (String api : uses.keySet()) {
            if (api.startsWith("internal.")) {
                continue;
            }
            for (String internal : reachable(api, uses)) {
                if (internal.startsWith("internal.") && reachable(internal, uses).contains(api)) {
                    cycles.add(api + " <-> " + internal);
                }
            }
        }
        assertEquals(List.of(), cycles.stream().sorted().toList());
    }

    private static Set<String> reachable(String from, Map<String, Set<String>> uses) {
        Set<String> seen = new HashSet<>();
        List<String> next = new ArrayList<>(List.of(from));
        while (!next.isEmpty()) {
            for (String used : uses.getOrDefault(next.remove(next.size() - 1), Set.of())) {
                if (seen.add(used)) {
                    next.add(used);
                }
            }
        }
        return seen;
    }

    /** The classes among {@code all} that {@code source}'s code (not its comments) names. */
    private static Set<String> references(Path source, List<Path> all) throws IOException {
        String code = withoutComments(Files.readString(source)).replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"");
        boolean internal = source.getParent().endsWith("internal");
        Set<String> names = new HashSet<>();
        for (Path other : all) {
            String simple = other.getFileName().toString().replace(".java", "");
            boolean otherInternal = other.getParent().endsWith("internal");
            boolean named = otherInternal == internal
                    ? Pattern.compile("\\b" + simple + "\\b").matcher(code).find()
                    : Pattern.compile("io\\.github\\.articletag\\." + (otherInternal ? "internal\\." : "") + simple + "\\b")
                            .matcher(code).find();
            if (!other.equals(source) && named) {
                names.add(name(other));
            }
        }
        return names;
    }

    private static String name(Path source) {
        String simple = source.getFileName().toString().replace(".java", "");
        return source.getParent().endsWith("internal") ? "internal." + simple : simple;
    }

    private static String withoutComments(String text) {
        Matcher comments = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL).matcher(text);
        return comments.replaceAll("");
    }

    /** The classes of one package. */
    private static List<Path> sources(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> !file.getFileName().toString().equals("package-info.java")).sorted().toList();
        }
    }
}
