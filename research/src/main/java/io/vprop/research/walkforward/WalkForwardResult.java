package io.vprop.research.walkforward;

import io.vprop.research.BacktestTrade;
import io.vprop.research.stats.DailySeries;
import io.vprop.research.stats.MonthlyReturn;
import io.vprop.research.stats.Stats;
import io.vprop.research.stats.Trials;

import java.util.List;

/**
 * A walk-forward's out-of-sample result: every number here comes from test windows, after costs, with parameters
 * chosen on the training windows only.
 *
 * @param runner     what ran the units ({@link UnitRunner#description()})
 * @param trials     all trials of the run: folds × symbols × grid, + the spec's earlier trials
 * @param overall    all symbols and folds: the symbols' accounts together (start equity symbols × initial balance)
 * @param equity     the overall day-end equity
 * @param trades     every out-of-sample trade, by close time
 * @param folds      per fold
 * @param symbols    per symbol, folds stitched
 * @param breakdowns by symbol, alpha, regime, session and timeframe (trade statistics)
 * @param monthly    monthly returns of {@code equity}
 */
public record WalkForwardResult(WalkForwardSpec spec, String runner, Trials trials, Stats overall, DailySeries equity,
                                List<BacktestTrade> trades, List<FoldResult> folds, List<SymbolResult> symbols,
                                List<BreakdownRow> breakdowns, List<MonthlyReturn> monthly, RunInfo run) {
    public WalkForwardResult {
        trades = List.copyOf(trades);
        folds = List.copyOf(folds);
        symbols = List.copyOf(symbols);
        breakdowns = List.copyOf(breakdowns);
        monthly = List.copyOf(monthly);
    }

    /** The same result without the run's circumstances (for comparing two runs). */
    public WalkForwardResult withoutRunInfo() {
        return new WalkForwardResult(spec, runner, trials, overall, equity, trades, folds, symbols, breakdowns, monthly,
                null);
    }
}
