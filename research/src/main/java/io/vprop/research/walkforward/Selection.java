package io.vprop.research.walkforward;

import io.vprop.research.stats.Stats;

import java.util.Map;

/**
 * What one symbol chose on one fold's training window, and how it did on the test window.
 *
 * @param params the chosen parameter set; null when no parameter set had a finite objective (the symbol does not
 *               trade this test window)
 * @param train  the chosen set's training outcome (null with params)
 * @param test   the symbol's statistics on the test window
 * @param testCounters what the runner counted in the test unit (empty without one): the backtester's counts over
 *                     warm-up and window, the "window." counts over the test window only
 */
public record Selection(String symbol, int fold, ParamSet params, TrainOutcome train, Stats test,
                        Map<String, Long> testCounters) {
    public Selection {
        testCounters = Map.copyOf(testCounters);
    }
}
