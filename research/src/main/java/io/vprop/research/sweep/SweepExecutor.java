package io.vprop.research.sweep;

import java.util.List;

/**
 * Who computes a sweep's pending units: threads of this JVM ({@link #localThreads}, the default) or a cluster (the
 * Spark executor of the {@code research-spark} module, found by {@link SweepExecutors#forMaster}). The sweep keeps the
 * checkpoint, the progress bar and the order of results on this side; an executor only computes units and hands each
 * result back once.
 */
public interface SweepExecutor extends AutoCloseable {
    /** For people and reports: "2 local threads", "Spark spark://host:7077". */
    String description();

    /**
     * Computes {@code units.get(i)} for every {@code i} in {@code pending} and calls {@code sink.done(i, result)}
     * exactly once per index (from any thread, never two calls at once for the same index). Returns when all are
     * done; throws a {@link SweepException} naming the unit when one fails (results handed over before stay handed
     * over: they are in the checkpoint).
     *
     * @param recipe how a remote worker rebuilds {@code task} (null when the task cannot leave this JVM; an executor
     *               that needs one says so)
     */
    <U, R> void compute(String phase, List<U> units, List<Integer> pending, SweepTask<U, R> task,
                        TaskRecipe<U, R> recipe, Sink<R> sink);

    /** Where finished units go, on the driver. */
    interface Sink<R> {
        void done(int index, R result);
    }

    @Override
    default void close() {
    }

    static SweepExecutor localThreads(int threads) {
        return new LocalThreads(threads);
    }
}
