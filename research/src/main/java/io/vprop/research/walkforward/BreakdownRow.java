package io.vprop.research.walkforward;

import io.vprop.research.stats.TradeStats;

/**
 * The out-of-sample trades that share one value of a dimension.
 *
 * @param dimension symbol, alpha, regime, session or timeframe
 * @param key       the value, "(none)" when the trade left it empty
 */
public record BreakdownRow(String dimension, String key, TradeStats stats) {
}
