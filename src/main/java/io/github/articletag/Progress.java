package io.github.articletag;

/**
 * What a long operation reports after each batch, each batch its own committed transaction. A walk over the tags
 * ({@link TagRepository#recount(String, Progress)}, {@link TagRepository#deleteUnused(String, Progress)}) reports
 * the tag ids walked so far, up to {@code done}, of {@code total} (the highest id when the walk started); an import
 * in batches ({@link ArticleRepository#importInBatches}) the articles imported so far, of a {@code total} of -1
 * (not known). Returning {@code false} stops the operation after this batch: {@link Walked#resumeAfter()} continues
 * a walk, skipping the articles imported continues an import.
 */
@FunctionalInterface
public interface Progress {

    /** Walks to the end, reporting nothing. */
    Progress NONE = (done, total) -> true;

    /**
     * @return whether to go on with the next batch
     */
    boolean batchDone(long done, long total);
}
