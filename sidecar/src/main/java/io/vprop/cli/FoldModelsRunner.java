package io.vprop.cli;

import io.vprop.market.Bar;
import io.vprop.market.Timeframe;
import io.vprop.models.ServedWinProbability;
import io.vprop.research.BacktestResult;
import io.vprop.research.BacktestTrade;
import io.vprop.research.runner.BacktestUnitRunner;
import io.vprop.research.runner.BarLibrary;
import io.vprop.research.runner.StrategyFactory;
import io.vprop.research.walkforward.Fold;
import io.vprop.research.walkforward.ParamGrid;
import io.vprop.research.walkforward.UnitRunner;
import io.vprop.research.walkforward.WorkUnit;
import io.vprop.signal.edge.EdgeTable;
import io.vprop.signal.port.WinProbabilityModel;
import io.vprop.strategy.TradeLearning;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The signal engine with served models trained per fold (issue 16 item 3): fold k's units run with the models of
 * {@link FoldModels#train} on fold k's training window, cut at its test start minus the embargo, wrapping the
 * engine's win-probability port exactly as the sidecar does ({@link ServedWinProbability} through
 * {@link TradeLearning#winModel}). Arm NONE runs the same path with no model, the "without" of the comparison.
 */
final class FoldModelsRunner implements UnitRunner, AutoCloseable {
    private final List<FoldModels> models = new ArrayList<>();
    private final List<BacktestUnitRunner> runners = new ArrayList<>();
    private final FoldModels.Arm arm;

    FoldModelsRunner(BarLibrary library, List<Timeframe> timeframes, long seed, EdgeTable edges,
                     BacktestUnitRunner.Options options, List<Fold> folds, FoldModels.Arm arm, List<List<Bar>> bars,
                     Path root, PrintStream log) {
        this.arm = arm;
        for (Fold f : folds) {
            long t0 = System.nanoTime();
            FoldModels m = FoldModels.train(arm, bars, f.trainFromMs(), f.testFromMs() - f.embargoMs(), root.resolve("fold-" + f.label()));
            models.add(m);
            if (log != null && arm != FoldModels.Arm.NONE)
                log.printf(Locale.ROOT, "models %s fold %s trained in %.1f s: %s%n", arm.label(), f.label(), (System.nanoTime() - t0) / 1e9, m.report);
            String label = "models " + arm.label() + " fold " + f.label() + " " + m.servedSha256();
            runners.add(new BacktestUnitRunner(library, StrategyFactory.engine(timeframes, seed, edges, () -> learning(m), label), options));
        }
    }

    /** A fresh port wrapper per engine: ServedWinProbability keeps per-symbol features. */
    static TradeLearning learning(FoldModels m) {
        if (m.arm == FoldModels.Arm.NONE) return TradeLearning.NONE;
        return new TradeLearning() {
            @Override
            public WinProbabilityModel winModel(WinProbabilityModel baseline) {
                return new ServedWinProbability(m.tpsl, baseline, m.meta, m.seq);
            }
        };
    }

    List<FoldModels> models() { return models; }

    void prepare(List<String> symbols, ParamGrid grid) {
        for (BacktestUnitRunner r : runners) r.prepare(symbols, grid);
    }

    @Override
    public BacktestResult run(WorkUnit unit) {
        if (unit.fold() < 0 || unit.fold() >= runners.size())
            throw new IllegalArgumentException("unit " + unit.id() + ": no fold " + unit.fold() + " trained");
        return runners.get(unit.fold()).run(unit);
    }

    @Override
    public String description() {
        return runners.get(0).description().replaceFirst("models " + arm.label() + " fold f00 \\{[^}]*\\}",
                "served models '" + arm.label() + "' trained per fold on its training window (cut at test start minus the embargo)");
    }

    @Override
    public String fingerprint() {
        StringBuilder b = new StringBuilder("fold-models|" + arm.label());
        for (int i = 0; i < runners.size(); i++) b.append('|').append(String.format(Locale.ROOT, "f%02d:", i)).append(runners.get(i).fingerprint());
        return b.toString();
    }

    @Override
    public double notionalUsd(BacktestTrade trade) { return runners.get(0).notionalUsd(trade); }

    @Override
    public void close() {
        models.forEach(FoldModels::close);
    }
}
