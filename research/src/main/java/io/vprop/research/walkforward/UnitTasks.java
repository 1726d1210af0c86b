package io.vprop.research.walkforward;

import com.fasterxml.jackson.databind.JsonNode;
import io.vprop.research.BacktestResult;
import io.vprop.research.BacktestTrade;
import io.vprop.research.stats.DailySeries;
import io.vprop.research.sweep.SweepTask;
import io.vprop.research.sweep.TaskRecipe;
import io.vprop.research.sweep.WorkerCache;

import java.util.List;

/** The two sweeps of a walk-forward: training units (reduced to a {@link TrainOutcome}) and test units. */
final class UnitTasks {
    /** Bumped when what a unit's result means changes, so old checkpoints are not reused. */
    static final String FORMAT = "walkforward-unit-v2";

    private UnitTasks() {
    }

    static String inputs(WorkUnit u, String fingerprint, String extra) {
        return FORMAT + "|" + u + "|" + extra + "|" + fingerprint;
    }

    static BacktestResult runChecked(UnitRunner runner, WorkUnit u) {
        BacktestResult r = runner.run(u);
        if (r == null) throw new IllegalStateException("the runner returned no result for " + u.id());
        if (Double.compare(r.initialBalance(), u.initialBalance()) != 0) {
            throw new IllegalStateException("the runner started " + u.id() + " with " + r.initialBalance()
                    + " instead of the unit's initial balance " + u.initialBalance());
        }
        for (BacktestTrade t : r.trades()) {
            if (!t.symbol().equals(u.symbol()) || t.openMs() < u.fromMs() || t.openMs() >= u.toMs()
                    || t.closeMs() > u.endMs() || t.closeMs() < t.openMs()) {
                throw new IllegalStateException("the runner broke the unit's window rules in " + u.id() + ": trade "
                        + t.position() + " " + t.symbol() + " opened " + t.openMs() + " closed " + t.closeMs()
                        + " (entries allowed in [" + u.fromMs() + ", " + u.toMs() + "), all closed by " + u.endMs() + ")");
            }
        }
        return r;
    }

    /** @param fingerprint the runner's, asked once per sweep */
    record Train(UnitRunner runner, String fingerprint, List<Fold> folds, Objective objective)
            implements SweepTask<WorkUnit, TrainOutcome> {
        @Override public String id(WorkUnit u) { return u.id(); }

        @Override
        public String inputs(WorkUnit u) {
            return UnitTasks.inputs(u, fingerprint, "objective=" + objective + ",embargo_ms=" + folds.get(u.fold()).embargoMs());
        }

        @Override
        public TrainOutcome compute(WorkUnit u) {
            return TrainWindow.evaluate(runChecked(runner, u), folds.get(u.fold()), objective, u.initialBalance());
        }

        @Override public JsonNode encode(TrainOutcome r) { return UnitJson.train(r); }

        @Override public TrainOutcome decode(JsonNode json) { return UnitJson.train(json); }
    }

    record Test(UnitRunner runner, String fingerprint) implements SweepTask<WorkUnit, OosOutcome> {
        @Override public String id(WorkUnit u) { return u.id(); }

        @Override public String inputs(WorkUnit u) { return UnitTasks.inputs(u, fingerprint, ""); }

        @Override
        public OosOutcome compute(WorkUnit u) {
            BacktestResult r = runChecked(runner, u);
            return new OosOutcome(r.trades(), DailySeries.fromEquity(r.equity(), u.initialBalance(), u.fromMs(), u.toMs()),
                    r.counters());
        }

        @Override public JsonNode encode(OosOutcome r) { return UnitJson.oos(r); }

        @Override public OosOutcome decode(JsonNode json) { return UnitJson.oos(json); }
    }

    /** The training task rebuilt on a worker: the runner from its recipe (once per worker JVM), the rest as values. */
    record TrainRecipe(RunnerRecipe runner, String fingerprint, List<Fold> folds, Objective objective)
            implements TaskRecipe<WorkUnit, TrainOutcome> {
        TrainRecipe {
            folds = List.copyOf(folds);
        }

        @Override
        public SweepTask<WorkUnit, TrainOutcome> create() {
            return new Train(workerRunner(runner, fingerprint), fingerprint, folds, objective);
        }
    }

    record TestRecipe(RunnerRecipe runner, String fingerprint) implements TaskRecipe<WorkUnit, OosOutcome> {
        @Override
        public SweepTask<WorkUnit, OosOutcome> create() {
            return new Test(workerRunner(runner, fingerprint), fingerprint);
        }
    }

    /**
     * The worker's runner, built once per JVM; it must have the driver's fingerprint (same code, costs and bar files
     * byte for byte), else a worker reading other data would silently mix results.
     */
    static UnitRunner workerRunner(RunnerRecipe recipe, String driverFingerprint) {
        UnitRunner r = WorkerCache.get(recipe, recipe::create);
        if (!r.fingerprint().equals(driverFingerprint)) {
            throw new IllegalStateException("this worker's runner differs from the driver's (other data files, code or "
                    + "costs): the data path must hold the same files on every worker\n  driver: " + driverFingerprint
                    + "\n  worker: " + r.fingerprint());
        }
        return r;
    }
}
