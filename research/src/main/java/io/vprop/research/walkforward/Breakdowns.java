package io.vprop.research.walkforward;

import io.vprop.research.BacktestTrade;
import io.vprop.research.stats.TradeStats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/** Out-of-sample trades grouped by symbol, alpha, regime, session and timeframe, keys in alphabetical order. */
final class Breakdowns {
    static final Map<String, Function<BacktestTrade, String>> DIMENSIONS = Map.of(
            "symbol", BacktestTrade::symbol, "alpha", BacktestTrade::alpha, "regime", BacktestTrade::regime,
            "session", BacktestTrade::session, "timeframe", BacktestTrade::timeframe);
    static final List<String> ORDER = List.of("symbol", "alpha", "regime", "session", "timeframe");

    private Breakdowns() {
    }

    static List<BreakdownRow> of(List<BacktestTrade> trades) {
        List<BreakdownRow> rows = new ArrayList<>();
        for (String dim : ORDER) {
            Map<String, List<BacktestTrade>> groups = new TreeMap<>();
            for (BacktestTrade t : trades) {
                String key = DIMENSIONS.get(dim).apply(t);
                groups.computeIfAbsent(key == null || key.isEmpty() ? "(none)" : key, k -> new ArrayList<>()).add(t);
            }
            groups.forEach((k, v) -> rows.add(new BreakdownRow(dim, k, TradeStats.of(v))));
        }
        return rows;
    }
}
