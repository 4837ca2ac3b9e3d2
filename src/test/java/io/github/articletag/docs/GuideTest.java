package io.github.articletag.docs;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fails the build when the README or the guide (src/docs) rots: readers meet the documentation before the code,
 * and nothing else would notice a link to a page or heading that moved, or a sample the API no longer compiles.
 * Every relative link must reach a file and, with an anchor, a heading of it (GitHub's slugs); every Java block
 * must be a region of compiled sources, between {@code // tag::NAME[]} and {@code // end::NAME[]} (see
 * {@link GuideSamples}), named by {@code <!-- sample: NAME -->} on the line before it; and the README stays short.
 * It reads files only: no database.
 */
class GuideTest {

    private static final Path README = Path.of("README.md");
    private static final Path GUIDE = Path.of("src/docs");
    /** The tests, and the example projects, which CI compiles (the Spring Boot samples need Spring MVC). */
    private static final List<Path> SAMPLE_SOURCES = List.of(Path.of("src/test/java"), Path.of("src/it"));
    private static final int README_MAX_LINES = 250;

    private static final Pattern FENCE = Pattern.compile("^( {0,3})(`{3,}|~{3,})\\s*([^\\s`]*).*$");
    private static final Pattern HEADING = Pattern.compile("^ {0,3}#{1,6}\\s+(.*?)(?:\\s+#+)?\\s*$");
    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern CODE_SPAN = Pattern.compile("(`+).*?\\1");
    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");
    private static final Pattern SAMPLE = Pattern.compile("<!-- sample: ([\\w-]+) -->");
    private static final Pattern MARKER = Pattern.compile("^\\s*// (tag|end)::([\\w-]+)\\[]\\s*$");

    @Test
    void everyRelativeLinkReachesAFileAndHeading() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path page : pages()) {
            List<String> lines = Files.readAllLines(page);
            for (int i : prose(lines)) {
                Matcher link = LINK.matcher(CODE_SPAN.matcher(lines.get(i)).replaceAll(""));
                while (link.find()) {
                    String problem = problem(page, link.group(1));
                    if (problem != null) {
                        broken.add(page + ":" + (i + 1) + ": " + link.group(1) + ": " + problem);
                    }
                }
            }
        }
        assertEquals(List.of(), broken);
    }

    @Test
    void everyJavaBlockIsACompiledSample() throws IOException {
        List<String> problems = new ArrayList<>();
        Map<String, List<String>> regions = regions(problems);
        Set<String> shown = new TreeSet<>();
        for (Path page : pages()) {
            List<String> lines = Files.readAllLines(page);
            for (Block block : blocks(lines)) {
                if (!block.language().equals("java")) {
                    continue;
                }
                String where = page + ":" + (block.line() + 1);
                Matcher sample = block.line() > 0 ? SAMPLE.matcher(lines.get(block.line() - 1).trim()) : null;
                if (sample == null || !sample.matches()) {
                    problems.add(where + ": no <!-- sample: NAME --> on the line before this java block");
                    continue;
                }
                String name = sample.group(1);
                shown.add(name);
                List<String> region = regions.get(name);
                if (region == null) {
                    problems.add(where + ": no region tag::" + name + "[] in " + SAMPLE_SOURCES);
                } else if (!region.equals(block.body())) {
                    problems.add(where + ": sample " + name + " differs from its region: " + difference(region, block.body()));
                }
            }
        }
        Set<String> unshown = new TreeSet<>(regions.keySet());
        unshown.removeAll(shown);
        unshown.forEach(name -> problems.add("region " + name + " is shown on no page"));
        assertEquals(List.of(), problems);
    }

    @Test
    void theReadmeStaysShortAndKeepsTheTwoCommands() throws IOException {
        List<String> lines = Files.readAllLines(README);
        assertTrue(lines.size() <= README_MAX_LINES,
                "README.md has " + lines.size() + " lines, at most " + README_MAX_LINES + ": move the detail to src/docs");
        String text = String.join("\n", lines);
        assertTrue(text.contains("compile exec:java"), "README.md lost the demo's command");
        assertTrue(text.contains("mvnw verify"), "README.md lost the test command");
    }

    /** The README and the guide's pages. */
    private static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(README));
        try (Stream<Path> guide = Files.list(GUIDE)) {
            guide.filter(path -> path.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    /** Why a link from {@code page} is broken, or null if it is not (links with a scheme are not checked). */
    private static String problem(Path page, String target) throws IOException {
        if (SCHEME.matcher(target).find()) {
            return null;
        }
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        Path reached = file.isEmpty() ? page : page.toAbsolutePath().getParent().resolve(file).normalize();
        if (!Files.exists(reached)) {
            return "no such file";
        }
        if (hash < 0) {
            return null;
        }
        String anchor = target.substring(hash + 1);
        if (!reached.toString().endsWith(".md")) {
            return "an anchor into a file that is not Markdown";
        }
        return anchors(Files.readAllLines(reached)).contains(anchor) ? null : "no heading with the anchor #" + anchor;
    }

    /**
     * The anchors GitHub gives a page's headings: lowercase, without characters other than letters, digits,
     * spaces, hyphens and underscores, spaces turned to hyphens; a repeated one gets -1, -2, ...
     */
    private static List<String> anchors(List<String> lines) {
        List<String> anchors = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i : prose(lines)) {
            Matcher heading = HEADING.matcher(lines.get(i));
            if (heading.matches()) {
                StringBuilder slug = new StringBuilder();
                heading.group(1).toLowerCase(Locale.ROOT).codePoints()
                        .filter(c -> Character.isLetterOrDigit(c) || c == ' ' || c == '-' || c == '_')
                        .forEach(c -> slug.appendCodePoint(c == ' ' ? '-' : c));
                int before = seen.merge(slug.toString(), 1, Integer::sum) - 1;
                anchors.add(before == 0 ? slug.toString() : slug + "-" + before);
            }
        }
        return anchors;
    }

    /** The indexes of the lines outside fenced code blocks. */
    private static List<Integer> prose(List<String> lines) {
        boolean[] code = new boolean[lines.size()];
        for (Block block : blocks(lines)) {
            int closing = Math.min(block.line() + block.body().size() + 1, lines.size() - 1);
            Arrays.fill(code, block.line(), closing + 1, true);
        }
        List<Integer> prose = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!code[i]) {
                prose.add(i);
            }
        }
        return prose;
    }

    /**
     * A fenced code block.
     *
     * @param line     the index of its opening fence
     * @param language its info string's first word, "" if none
     * @param body     its lines, without the fence's indentation and trailing whitespace
     */
    private record Block(int line, String language, List<String> body) {
    }

    private static List<Block> blocks(List<String> lines) {
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher open = FENCE.matcher(lines.get(i));
            if (!open.matches()) {
                continue;
            }
            String fence = open.group(2);
            int indent = open.group(1).length();
            List<String> body = new ArrayList<>();
            int j = i + 1;
            while (j < lines.size() && !isClosing(lines.get(j), fence)) {
                String line = lines.get(j);
                int strip = 0;
                while (strip < indent && strip < line.length() && line.charAt(strip) == ' ') {
                    strip++;
                }
                body.add(line.substring(strip).stripTrailing());
                j++;
            }
            blocks.add(new Block(i, open.group(3), body));
            i = j;
        }
        return blocks;
    }

    private static boolean isClosing(String line, String fence) {
        String trimmed = line.strip();
        return trimmed.startsWith(fence) && trimmed.chars().allMatch(c -> c == fence.charAt(0));
    }

    /** Every tagged region of the sample sources, without its common indentation; problems go to {@code problems}. */
    private static Map<String, List<String>> regions(List<String> problems) throws IOException {
        Map<String, List<String>> regions = new LinkedHashMap<>();
        for (Path root : SAMPLE_SOURCES) {
            List<Path> sources;
            try (Stream<Path> files = Files.walk(root)) {
                sources = files.filter(path -> path.toString().endsWith(".java"))
                        .filter(path -> !path.toString().contains("/target/")).sorted().toList();
            }
            for (Path source : sources) {
                regionsOf(source, Files.readAllLines(source), regions, problems);
            }
        }
        return regions;
    }

    private static void regionsOf(Path source, List<String> lines, Map<String, List<String>> regions,
                                  List<String> problems) {
        Map<String, List<String>> open = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher marker = MARKER.matcher(line);
            if (!marker.matches()) {
                open.values().forEach(region -> region.add(line));
                continue;
            }
            String name = marker.group(2);
            String where = source + ":" + (i + 1) + ": ";
            if (marker.group(1).equals("tag")) {
                if (regions.containsKey(name) || open.containsKey(name)) {
                    problems.add(where + "region " + name + " is tagged twice");
                }
                open.put(name, new ArrayList<>());
            } else if (open.containsKey(name)) {
                regions.put(name, dedented(open.remove(name)));
            } else {
                problems.add(where + "end::" + name + "[] without its tag::" + name + "[]");
            }
        }
        open.keySet().forEach(name -> problems.add(source + ": region " + name + " is never ended"));
    }

    private static List<String> dedented(List<String> lines) {
        int common = lines.stream().filter(line -> !line.isBlank())
                .mapToInt(line -> line.length() - line.stripLeading().length()).min().orElse(0);
        return lines.stream().map(line -> line.isBlank() ? "" : line.substring(common).stripTrailing()).toList();
    }

    private static String difference(List<String> region, List<String> block) {
        for (int i = 0; i < Math.max(region.size(), block.size()); i++) {
            String expected = i < region.size() ? region.get(i) : "(nothing)";
            String actual = i < block.size() ? block.get(i) : "(nothing)";
            if (!expected.equals(actual)) {
                return "line " + (i + 1) + " of the block is [" + actual + "], the region has [" + expected + "]";
            }
        }
        return "";
    }
}
