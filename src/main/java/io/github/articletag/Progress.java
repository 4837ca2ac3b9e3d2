package io.github.articletag;

/**
 * What a long operation over the tags ({@link TagRepository#recount(String, Progress)},
 * {@link TagRepository#deleteUnused(String, Progress)}) reports after each batch, each batch its own committed
 * transaction: the tag ids walked so far, up to {@code done}, of {@code total} (the highest id when the walk
 * started). Returning {@code false} stops the walk after this batch; {@link Walked#resumeAfter()} continues it.
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
