package io.vprop.research.walkforward;

import io.vprop.research.BacktestResult;
import io.vprop.research.BacktestTrade;

/**
 * Runs one {@link WorkUnit} as a backtest. Called from several threads at once: an implementation keeps no state
 * between units other than read-only data, and gives the same result for the same unit every time.
 */
public interface UnitRunner {
    /** The backtest of the unit, starting at {@link WorkUnit#initialBalance()}, following the unit's window rules. */
    BacktestResult run(WorkUnit unit);

    /** What runs the units, for people: shown at the top of every report. */
    String description();

    /**
     * Everything besides the unit that changes a result: code version, data files, costs. It is part of every
     * unit's checkpoint hash, so a change recomputes instead of reusing stale results.
     */
    String fingerprint();

    /** The trade's notional at entry in USD, NaN when this runner cannot tell (turnover is then given in lots only). */
    default double notionalUsd(BacktestTrade trade) {
        return Double.NaN;
    }
}
