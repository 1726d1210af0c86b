package io.vprop.research.walkforward;

import io.vprop.research.stats.Stats;
import io.vprop.research.stats.Trials;

import java.util.List;

/**
 * One fold out of sample: all symbols' test windows on one account ({@code stats}), and per symbol what was chosen.
 *
 * @param trials the fold's trials: every symbol × parameter set tried on its training window (+ earlier trials)
 */
public record FoldResult(Fold fold, Trials trials, Stats stats, List<Selection> selections) {
    public FoldResult {
        selections = List.copyOf(selections);
    }
}
