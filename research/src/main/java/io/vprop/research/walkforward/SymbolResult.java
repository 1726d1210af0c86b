package io.vprop.research.walkforward;

import io.vprop.research.stats.Stats;
import io.vprop.research.stats.Trials;

/** One symbol's test windows stitched together; trials = its folds × the grid (+ earlier trials). */
public record SymbolResult(String symbol, Trials trials, Stats stats) {
}
