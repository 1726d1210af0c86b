package io.vprop.research.walkforward;

import io.vprop.research.BacktestTrade;
import io.vprop.research.stats.DailySeries;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The chosen parameter set of one symbol on one test window: its trades, its day-end equity and what the runner
 * counted ({@code BacktestResult.counters}).
 */
record OosOutcome(List<BacktestTrade> trades, DailySeries daily, Map<String, Long> counters) {
    OosOutcome {
        trades = List.copyOf(trades);
        counters = java.util.Collections.unmodifiableMap(new TreeMap<>(counters));
    }
}
