package io.github.articletag;

/**
 * What a walk over the tags did ({@link TagRepository#recount(String, Progress)},
 * {@link TagRepository#deleteUnused(String, Progress)}).
 *
 * @param changed     how many tags it changed: counts repaired, or tags deleted
 * @param resumeAfter where a stopped walk goes on: pass it as {@code after}; null when the walk reached the end
 */
public record Walked(int changed, String resumeAfter) {

    /** Whether the walk reached the last tag. */
    public boolean finished() {
        return resumeAfter == null;
    }
}
