package io.vprop.research.spark;

import io.vprop.market.Timeframe;
import io.vprop.market.io.ServerClock;
import io.vprop.research.runner.BacktestUnitRunner;
import io.vprop.research.runner.BarLibrary;
import io.vprop.research.runner.StrategyFactory;
import io.vprop.research.strategies.SmaCrossStrategy;
import io.vprop.research.walkforward.ParamGrid;
import io.vprop.research.walkforward.RunnerRecipe;
import io.vprop.research.walkforward.UnitRunner;

import java.nio.file.Path;
import java.util.List;

/** The SMA crossover on the backtester over the H4 bars in {@code barsDir}, as an executor rebuilds it. */
record SmaRecipe(String barsDir, List<String> symbols, String grid) implements RunnerRecipe {
    @Override
    public BacktestUnitRunner create() {
        BacktestUnitRunner r = new BacktestUnitRunner(new BarLibrary(List.of(Path.of(barsDir)), ServerClock.UTC),
                StrategyFactory.ofClass(SmaCrossStrategy.class), BacktestUnitRunner.Options.defaults(Timeframe.H4));
        r.prepare(symbols, ParamGrid.parse(grid));
        return r;
    }

    /** Fails the first attempt of the Spark task that runs {@code unitId}: Spark must rerun it. */
    record FlakyOnce(SmaRecipe inner, String unitId) implements RunnerRecipe {
        @Override
        public UnitRunner create() {
            UnitRunner r = inner.create();
            return new UnitRunner() {
                @Override
                public io.vprop.research.BacktestResult run(io.vprop.research.walkforward.WorkUnit u) {
                    org.apache.spark.TaskContext ctx = org.apache.spark.TaskContext.get();
                    if (u.id().equals(unitId) && ctx != null && ctx.attemptNumber() == 0) {
                        throw new IllegalStateException("simulated executor failure in " + unitId);
                    }
                    return r.run(u);
                }

                @Override public String description() { return r.description(); }

                @Override public String fingerprint() { return r.fingerprint(); }

                @Override public double notionalUsd(io.vprop.research.BacktestTrade t) { return r.notionalUsd(t); }
            };
        }
    }
}
