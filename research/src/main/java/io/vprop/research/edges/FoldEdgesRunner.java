package io.vprop.research.edges;

import io.vprop.market.Timeframe;
import io.vprop.research.BacktestResult;
import io.vprop.research.BacktestTrade;
import io.vprop.research.runner.BacktestUnitRunner;
import io.vprop.research.runner.BarLibrary;
import io.vprop.research.runner.StrategyFactory;
import io.vprop.research.walkforward.Fold;
import io.vprop.research.walkforward.UnitRunner;
import io.vprop.research.walkforward.WorkUnit;
import io.vprop.signal.edge.EdgeTable;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The signal engine with edges fitted per fold: fold k's units (training and test) run with the edges fitted on the
 * candidates that entered in fold k's training window and were flat before its test window minus the embargo
 * ({@link EdgeFit#window}) — purged and embargoed like the walk-forward's own training trades. The test window is
 * never seen by its fold's fit.
 */
public final class FoldEdgesRunner implements UnitRunner {
    private final List<Fold> folds;
    private final List<BacktestUnitRunner> runners = new ArrayList<>();
    private final List<EdgeFit.Result> fits = new ArrayList<>();
    private final BacktestUnitRunner first;
    private final String candidatesSha;

    public FoldEdgesRunner(BarLibrary library, List<Timeframe> timeframes, long seed, BacktestUnitRunner.Options options,
                           List<Fold> folds, List<Candidate> candidates, String candidatesSha256, EdgeFit.Params params) {
        this.folds = List.copyOf(folds);
        this.candidatesSha = candidatesSha256;
        for (Fold f : folds) {
            EdgeFit.Result fit = EdgeFit.fit(EdgeFit.window(candidates, f.trainFromMs(), f.testFromMs() - f.embargoMs()), params);
            fits.add(fit);
            EdgeTable table = fit.table("fold-" + f.label() + "-" + EdgeArtefact.sha256(
                    (fit.cells().toString() + fit.priors()).getBytes(java.nio.charset.StandardCharsets.UTF_8)).substring(0, 12));
            runners.add(new BacktestUnitRunner(library, StrategyFactory.engine(timeframes, seed, table), options));
        }
        this.first = runners.get(0);
    }

    public List<EdgeFit.Result> fits() { return fits; }

    public void prepare(List<String> symbols, io.vprop.research.walkforward.ParamGrid grid) {
        for (BacktestUnitRunner r : runners) r.prepare(symbols, grid);
    }

    @Override
    public BacktestResult run(WorkUnit unit) {
        if (unit.fold() < 0 || unit.fold() >= runners.size())
            throw new IllegalArgumentException("unit " + unit.id() + ": no fold " + unit.fold() + " fitted");
        return runners.get(unit.fold()).run(unit);
    }

    @Override
    public String description() {
        return first.description().replaceFirst("fitted edges fold-f00-[0-9a-f]+",
                "edges fitted per fold on its training window's candidates (purged, embargoed)");
    }

    @Override
    public String fingerprint() {
        StringBuilder b = new StringBuilder("fold-edges|candidates=" + candidatesSha);
        for (int i = 0; i < runners.size(); i++) b.append('|').append(String.format(Locale.ROOT, "f%02d:", i)).append(runners.get(i).fingerprint());
        return b.toString();
    }

    @Override
    public double notionalUsd(BacktestTrade trade) { return first.notionalUsd(trade); }
}
