package io.vprop.challenge.sim;

/**
 * How far a run of {@link ChallengeLab#run(io.vprop.challenge.TradeHistory, LabSpec, LabProgress)} is: paths done of
 * the run's total, over every firm, method and risk-curve point (historical start dates count as paths). The total
 * is known before the first path runs, so a caller can show a bar and a time left.
 *
 * <p>Called from the lab's worker threads after each chunk of paths: keep it quick and thread-safe. An exception
 * thrown from it stops the run and reaches the caller of {@code run} (how a server cancels a run or bounds its time).
 */
@FunctionalInterface
public interface LabProgress {
    LabProgress NONE = (done, total) -> { };

    void paths(long done, long total);
}
