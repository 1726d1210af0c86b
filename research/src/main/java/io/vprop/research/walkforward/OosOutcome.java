package io.vprop.research.walkforward;

import io.vprop.research.BacktestTrade;
import io.vprop.research.stats.DailySeries;

import java.util.List;

/**
 * The chosen parameter set of one symbol on one test window: its trades and its day-end equity.
 */
record OosOutcome(List<BacktestTrade> trades, DailySeries daily) {
    OosOutcome {
        trades = List.copyOf(trades);
    }
}
