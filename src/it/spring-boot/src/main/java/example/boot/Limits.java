package example.boot;

import io.github.articletag.Tag;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * What one request may ask of this application, below the library's own limits (1,000 a page, 50 characters a
 * name): a public API caps what a client can make it read or write. Each refusal is an IllegalArgumentException
 * naming the cap, which {@link ApiErrors} answers with 400.
 *
 * @param maxPageSize       items in one page, completion or tag cloud
 * @param maxTagsPerArticle tags one article or post may carry
 * @param maxBodyBytes      bytes of one request body ({@link BodyLimit})
 */
@ConfigurationProperties("example.limits")
public record Limits(int maxPageSize, int maxTagsPerArticle, int maxBodyBytes) {

    /** The size asked for, if within the cap. */
    public int pageSize(int size) {
        if (size > maxPageSize) {
            throw new IllegalArgumentException("size must be at most " + maxPageSize + " here, was " + size);
        }
        return size;
    }

    /**
     * The names to add, if the item would then carry no more than the cap: {@code current} are the names it has
     * (none for a new one); names already there, in any spelling of the same tag, do not count twice.
     */
    public <C extends Collection<String>> C tags(Collection<String> current, C adding) {
        if (adding == null) {
            throw new IllegalArgumentException("tags must be given, an empty list for none");
        }
        Set<String> keys = new HashSet<>();
        current.forEach(name -> keys.add(Tag.keyOf(name)));
        adding.forEach(name -> keys.add(Tag.keyOf(name)));
        if (keys.size() > maxTagsPerArticle) {
            throw new IllegalArgumentException("an article may carry at most " + maxTagsPerArticle + " tags here;"
                    + " this one would carry " + keys.size());
        }
        return adding;
    }
}
