package io.github.articletag;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The in-memory half of the mapping: both sides in sync, identity, validation. No database needed. */
class ArticleTagLinkTest {

    @Test
    void addingATagIsVisibleFromTheTagAtOnce() {
        Article article = new Article("article1");
        Tag tag = new Tag("tag1");

        assertTrue(article.addTag(tag));

        assertEquals(Set.of(tag), article.getTags());
        assertEquals(List.of(article), tag.getArticles());
    }

    @Test
    void removingATagIsVisibleFromTheTagAtOnce() {
        Article article = new Article("article1");
        Tag tag = new Tag("tag1");
        article.addTag(tag);

        assertTrue(article.removeTag(tag));

        assertTrue(article.getTags().isEmpty());
        assertTrue(tag.getArticles().isEmpty());
        assertFalse(article.removeTag(tag));
    }

    @Test
    void taggingTwiceWithTheSameTagChangesNothing() {
        Article article = new Article("article1");
        Tag tag = new Tag("tag1");
        article.addTag(tag);

        assertFalse(article.addTag(tag));

        assertEquals(1, article.getTags().size());
        assertEquals(1, tag.getArticles().size());
    }

    @Test
    void collectionsCannotBeChangedFromOutside() {
        Article article = new Article("article1");
        Tag tag = new Tag("tag1");

        assertThrows(UnsupportedOperationException.class, () -> article.getTags().add(tag));
        assertThrows(UnsupportedOperationException.class, () -> tag.getArticles().add(article));
    }

    @Test
    void unsavedEntitiesAreEqualOnlyToThemselves() {
        Tag first = new Tag("same");
        Tag second = new Tag("same");
        Set<Tag> tags = new HashSet<>(Set.of(first));

        assertNotEquals(first, second);
        assertTrue(tags.contains(first));
        assertFalse(tags.contains(second));
    }

    @Test
    void toStringShowsIdAndTextOnly() {
        Article article = new Article("article1");
        article.addTag(new Tag("tag1"));

        assertEquals("Article(id=null, title=article1)", article.toString());
        assertEquals("Tag(id=null, name=tag1)", new Tag("tag1").toString());
    }

    @Test
    void surroundingWhitespaceIsRemoved() {
        assertEquals("java", new Tag("  java \t").getName());
        assertEquals("title", new Article(" title ").getTitle());
    }

    @Test
    void badTextIsRejectedNamingTheFieldAndTheLimit() {
        assertEquals("Article title must not be null",
                assertThrows(IllegalArgumentException.class, () -> new Article(null)).getMessage());
        assertEquals("Tag name must not be blank",
                assertThrows(IllegalArgumentException.class, () -> new Tag("  ")).getMessage());
        assertEquals("Tag name must be at most 50 characters, was 51",
                assertThrows(IllegalArgumentException.class, () -> new Tag("x".repeat(51))).getMessage());
    }

    @Test
    void lengthIsCountedInCharactersNotUtf16Units() {
        String fiftyEmoji = "😀".repeat(50);

        assertEquals(fiftyEmoji, new Tag(fiftyEmoji).getName());
        assertThrows(IllegalArgumentException.class, () -> new Tag(fiftyEmoji + "😀"));
    }

    @Test
    void asciiNamesAreOneTagExactlyWhenEqualIgnoringCaseAsAnyOtherName() {
        // Names.key takes a shortcut for ASCII; its keys must be the ones the general rule gives, also when an
        // ASCII name meets a non-ASCII one ("K" and the Kelvin sign fold to the same letter).
        List<String> names = new ArrayList<>();
        for (char c = '!'; c < 0x7f; c++) {
            names.add("x" + c);
        }
        names.addAll(List.of("x\u212a", "x\u017f", "xK", "xS"));
        for (String a : names) {
            for (String b : names) {
                assertEquals(a.equalsIgnoreCase(b), Tag.keyOf(a).equals(Tag.keyOf(b)), a + " and " + b);
            }
        }
    }
}
