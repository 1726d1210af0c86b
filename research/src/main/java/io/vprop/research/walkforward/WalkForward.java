package io.vprop.research.walkforward;

import io.vprop.research.BacktestTrade;
import io.vprop.research.stats.DailySeries;
import io.vprop.research.stats.MonthlyReturn;
import io.vprop.research.stats.Statistics;
import io.vprop.research.stats.Stats;
import io.vprop.research.stats.Trials;
import io.vprop.research.sweep.Sweep;
import io.vprop.research.sweep.SweepOptions;
import io.vprop.research.sweep.SweepRun;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The walk-forward: for every fold, every symbol tries every parameter set on the training window (sweep 1), keeps
 * the best by the objective (ties: the lower grid index), and trades it on the test window (sweep 2). Only test
 * windows are reported. Every parameter set tried counts as a trial of the deflated Sharpe ratio. Each symbol trades
 * its own account of the initial balance; a fold's and the whole run's statistics are those accounts together (start
 * equity = symbols × initial balance, daily profits summed).
 */
public final class WalkForward {
    private WalkForward() {
    }

    public static WalkForwardResult run(WalkForwardSpec spec, UnitRunner runner, SweepOptions options) {
        return run(spec, runner, null, options);
    }

    /**
     * As {@link #run(WalkForwardSpec, UnitRunner, SweepOptions)}; on a cluster executor the workers build their own
     * runner from {@code recipe} (which must build one equal to {@code runner}: same fingerprint), and the results are
     * gathered here, in unit order, into the same aggregation as a local run.
     */
    public static WalkForwardResult run(WalkForwardSpec spec, UnitRunner runner, RunnerRecipe recipe, SweepOptions options) {
        long t0 = System.nanoTime();
        List<Fold> folds = spec.plan().folds();
        List<String> symbols = spec.symbols();
        List<ParamSet> grid = spec.grid().points();
        double balance = spec.initialBalance();
        // each symbol trades its own account of the initial balance; a fold or the whole run is those accounts together
        double portfolio = balance * symbols.size();

        List<WorkUnit> trainUnits = new ArrayList<>();
        for (Fold f : folds) {
            for (String s : symbols) {
                for (ParamSet p : grid) {
                    trainUnits.add(new WorkUnit(WorkUnit.Phase.TRAIN, s, f.index(), p, warmupFrom(f.trainFromMs(), spec),
                            f.trainFromMs(), f.testFromMs(), f.testToMs(), balance));
                }
            }
        }
        String fingerprint = runner.fingerprint();
        SweepRun<TrainOutcome> train = Sweep.run("train", trainUnits,
                new UnitTasks.Train(runner, fingerprint, folds, spec.objective()),
                recipe == null ? null : new UnitTasks.TrainRecipe(recipe, fingerprint, folds, spec.objective()), options);

        // selection on the training windows only
        int g = grid.size();
        List<WorkUnit> testUnits = new ArrayList<>();
        ParamSet[][] chosen = new ParamSet[folds.size()][symbols.size()];
        for (Fold f : folds) {
            for (int si = 0; si < symbols.size(); si++) {
                int base = (f.index() * symbols.size() + si) * g;
                int best = -1;
                for (int k = 0; k < g; k++) {
                    double v = train.results().get(base + k).objective();
                    if (Double.isFinite(v) && (best < 0 || v > train.results().get(base + best).objective())) best = k;
                }
                if (best < 0) continue;
                chosen[f.index()][si] = grid.get(best);
                testUnits.add(new WorkUnit(WorkUnit.Phase.TEST, symbols.get(si), f.index(), grid.get(best),
                        warmupFrom(f.testFromMs(), spec), f.testFromMs(), f.testToMs(), f.testToMs(), balance));
            }
        }
        SweepRun<OosOutcome> test = Sweep.run("test", testUnits, new UnitTasks.Test(runner, fingerprint),
                recipe == null ? null : new UnitTasks.TestRecipe(recipe, fingerprint), options);

        // out-of-sample aggregation
        OosOutcome[][] oos = new OosOutcome[folds.size()][symbols.size()];
        for (int i = 0; i < testUnits.size(); i++) {
            WorkUnit u = testUnits.get(i);
            oos[u.fold()][symbols.indexOf(u.symbol())] = test.results().get(i);
        }
        double[] allSharpes = sharpes(train.results(), 0, train.results().size());
        List<FoldResult> foldResults = new ArrayList<>();
        List<List<DailySeries>> bySymbol = new ArrayList<>();
        List<List<BacktestTrade>> tradesBySymbol = new ArrayList<>();
        for (int si = 0; si < symbols.size(); si++) {
            bySymbol.add(new ArrayList<>());
            tradesBySymbol.add(new ArrayList<>());
        }
        for (Fold f : folds) {
            List<Selection> selections = new ArrayList<>();
            List<DailySeries> parts = new ArrayList<>();
            List<BacktestTrade> foldTrades = new ArrayList<>();
            for (int si = 0; si < symbols.size(); si++) {
                int base = (f.index() * symbols.size() + si) * g;
                OosOutcome o = oos[f.index()][si];
                if (o == null) o = flat(f, balance);
                Trials t = Trials.of(sharpes(train.results(), base, base + g), spec.earlierTrials());
                Stats s = Statistics.of(o.trades(), o.daily(), f.testFromMs(), f.testToMs(), t, runner::notionalUsd);
                ParamSet p = chosen[f.index()][si];
                selections.add(new Selection(symbols.get(si), f.index(), p,
                        p == null ? null : train.results().get(base + p.index()), s, o.counters()));
                parts.add(o.daily());
                bySymbol.get(si).add(o.daily());
                foldTrades.addAll(o.trades());
                tradesBySymbol.get(si).addAll(o.trades());
            }
            int from = f.index() * symbols.size() * g;
            Trials ft = Trials.of(sharpes(train.results(), from, from + symbols.size() * g), spec.earlierTrials());
            foldTrades.sort(BY_CLOSE);
            Stats fs = Statistics.of(foldTrades, DailySeries.sum(parts, portfolio), f.testFromMs(), f.testToMs(), ft,
                    runner::notionalUsd);
            foldResults.add(new FoldResult(f, ft, fs, selections));
        }
        long oosFrom = folds.get(0).testFromMs(), oosTo = folds.get(folds.size() - 1).testToMs();
        List<SymbolResult> symbolResults = new ArrayList<>();
        List<DailySeries> allParts = new ArrayList<>();
        List<BacktestTrade> allTrades = new ArrayList<>();
        for (int si = 0; si < symbols.size(); si++) {
            double[] sh = new double[folds.size() * g];
            for (Fold f : folds) {
                int base = (f.index() * symbols.size() + si) * g;
                System.arraycopy(sharpes(train.results(), base, base + g), 0, sh, f.index() * g, g);
            }
            List<BacktestTrade> st = tradesBySymbol.get(si);
            st.sort(BY_CLOSE);
            DailySeries series = DailySeries.sum(bySymbol.get(si), balance);
            symbolResults.add(new SymbolResult(symbols.get(si), Trials.of(sh, spec.earlierTrials()),
                    Statistics.of(st, series, oosFrom, oosTo, Trials.of(sh, spec.earlierTrials()), runner::notionalUsd)));
            allParts.addAll(bySymbol.get(si));
            allTrades.addAll(st);
        }
        allTrades.sort(BY_CLOSE);
        Trials trials = Trials.of(allSharpes, spec.earlierTrials());
        DailySeries equity = DailySeries.sum(allParts, portfolio);
        Stats overall = Statistics.of(allTrades, equity, oosFrom, oosTo, trials, runner::notionalUsd);
        RunInfo info = new RunInfo(trainUnits.size(), testUnits.size(), train.computed() + test.computed(),
                train.reused() + test.reused(), train.stale() + test.stale(), options.threads(),
                (System.nanoTime() - t0) / 1e9);
        return new WalkForwardResult(spec, runner.description(), trials, overall, equity, allTrades, foldResults,
                symbolResults, Breakdowns.of(allTrades), MonthlyReturn.of(equity), info);
    }

    static final Comparator<BacktestTrade> BY_CLOSE = Comparator.comparingLong(BacktestTrade::closeMs)
            .thenComparingLong(BacktestTrade::openMs).thenComparing(BacktestTrade::symbol)
            .thenComparingLong(BacktestTrade::position);

    private static long warmupFrom(long fromMs, WalkForwardSpec spec) {
        return FoldPlan.ms(LocalDate.ofEpochDay(Math.floorDiv(fromMs, DailySeries.DAY_MS)).minus(spec.warmup()));
    }

    private static OosOutcome flat(Fold f, double balance) {
        return new OosOutcome(List.of(), DailySeries.fromEquity(List.of(), balance, f.testFromMs(), f.testToMs()), Map.of());
    }

    /** The daily training Sharpe ratios of units [from, to): the trials of the deflated Sharpe ratio. */
    private static double[] sharpes(List<TrainOutcome> outcomes, int from, int to) {
        double[] s = new double[to - from];
        for (int i = 0; i < s.length; i++) s[i] = outcomes.get(from + i).sharpeDaily();
        return s;
    }
}
