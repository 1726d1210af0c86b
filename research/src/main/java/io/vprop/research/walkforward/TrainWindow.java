package io.vprop.research.walkforward;

import io.vprop.research.BacktestResult;
import io.vprop.research.BacktestTrade;
import io.vprop.research.stats.DailySeries;
import io.vprop.research.stats.Statistics;
import io.vprop.research.stats.Stats;
import io.vprop.research.stats.Trials;

import java.util.ArrayList;
import java.util.List;

/**
 * Purging and embargo of a training run (López de Prado, Advances in Financial Machine Learning, ch. 7, applied to
 * trades): a training trade is an observation whose outcome is known only at its close, so
 * <ul>
 *   <li><b>purge</b>: a trade still open at the test window's start (close >= testFrom) is dropped — its outcome
 *       depends on test-window prices;</li>
 *   <li><b>embargo</b>: a trade still open in the {@code embargo} before the test window (close >= testFrom − e) is
 *       dropped too. Test windows follow each other, so this gap is also the gap after the previous test window that
 *       the next training window leaves out.</li>
 * </ul>
 * The per-day statistics of the training window stop at {@code cut} = the earliest entry of a dropped trade (or
 * testFrom − e), rounded down to 00:00 UTC: from there on the equity curve carries a dropped trade's profit. Kept
 * trades all closed before testFrom − e.
 */
final class TrainWindow {
    private TrainWindow() {
    }

    static TrainOutcome evaluate(BacktestResult run, Fold fold, Objective objective, double initialBalance) {
        long embargoStart = fold.testFromMs() - fold.embargoMs();
        long cut = embargoStart;
        List<BacktestTrade> kept = new ArrayList<>();
        int purged = 0, embargoed = 0;
        for (BacktestTrade t : run.trades()) {
            if (t.openMs() < fold.trainFromMs() || t.openMs() >= fold.testFromMs()) {
                throw new IllegalStateException("the runner opened a training trade outside [train start, test start) of fold "
                        + fold.index() + ": " + t.symbol() + " at " + t.openMs());
            }
            if (t.closeMs() >= fold.testFromMs()) {
                purged++;
            } else if (t.closeMs() >= embargoStart) {
                embargoed++;
            } else {
                kept.add(t);
                continue;
            }
            cut = Math.min(cut, t.openMs());
        }
        cut = Math.floorDiv(cut, DailySeries.DAY_MS) * DailySeries.DAY_MS; // whole days only
        if (cut <= fold.trainFromMs()) {
            return new TrainOutcome(Double.NaN, Double.NaN, kept.size(), purged, embargoed, 0, 0);
        }
        DailySeries daily = DailySeries.fromEquity(run.equity(), initialBalance, fold.trainFromMs(), cut);
        Stats s = Statistics.of(kept, daily, fold.trainFromMs(), cut, Trials.single(), t -> Double.NaN);
        return new TrainOutcome(objective.of(s), s.sharpeDaily(), kept.size(), purged, embargoed, s.trade().pnlUsd(),
                s.days());
    }
}
