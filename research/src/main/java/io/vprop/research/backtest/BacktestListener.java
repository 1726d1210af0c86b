package io.vprop.research.backtest;

import io.vprop.strategy.Submission;
import io.vprop.trade.Fill;
import io.vprop.trade.OrderIntent;
import io.vprop.trade.OrderUpdate;

/**
 * What a run reports as it goes, for progress bars and for tests that compare a backtest with the live path. Called
 * on the run's thread; every method defaults to nothing.
 */
public interface BacktestListener {

    /** Every 4,096 events (ticks or bars) and once at the end: how many so far, and the market time (UTC ms). */
    default void progress(long events, long marketTimeMs) { }

    /** The strategy (or the governors' flattening) submitted an order, and what the risk engine said. */
    default void submitted(long timeMs, OrderIntent order, Submission submission) { }

    /** The terminal's answer to a sent order. */
    default void answered(long timeMs, OrderUpdate update) { }

    /** A deal, as the terminal reports it. */
    default void filled(Fill fill) { }

    /** A decision the strategy published ({@code StrategyContext.decision}). */
    default void decided(long timeMs, String kind, Object decision) { }

    BacktestListener NONE = new BacktestListener() { };
}
