package io.vprop.research.walkforward;

/**
 * How a run went (not part of the result: a resumed run has the same result but other numbers here).
 *
 * @param trainUnits units of the training sweep (folds × symbols × grid)
 * @param testUnits  units of the test sweep (one per fold and symbol with a selection)
 * @param computed   units computed in this run
 * @param reused     units read back from the checkpoint
 * @param stale      checkpoint entries whose inputs had changed (computed again)
 * @param threads    worker threads
 * @param seconds    wall time of the whole run
 */
public record RunInfo(int trainUnits, int testUnits, int computed, int reused, int stale, int threads,
                      double seconds) {
}
