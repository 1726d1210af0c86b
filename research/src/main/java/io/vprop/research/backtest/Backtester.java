package io.vprop.research.backtest;

import io.vprop.research.BacktestResult;
import io.vprop.strategy.Strategy;

/**
 * Runs a {@link Strategy} — the signal engine, the demo strategy, a user's class — over ticks or bars on the live
 * path's own code, in-process and in one thread: the strategy API, the risk engine with the firm's governors
 * ({@code io.vprop.strategy}, {@code io.vprop.risk}) and the paper broker with the EA's execution rules
 * ({@code io.vprop.paper.broker.SignalExecutor}). The loop and what is and is not modelled: docs/backtesting.md.
 *
 * <p>Deterministic: the same config (its broker's slippage seed included), strategy and data give the same result.
 * A strategy instance serves one run.
 */
public final class Backtester {
    private final BacktestConfig config;
    private final BacktestListener listener;
    private boolean shortcuts = true;

    public Backtester(BacktestConfig config) {
        this(config, BacktestListener.NONE);
    }

    public Backtester(BacktestConfig config, BacktestListener listener) {
        if (config == null || listener == null) throw new IllegalArgumentException("config and listener are required");
        this.config = config;
        this.listener = listener;
    }

    public BacktestConfig config() { return config; }

    /**
     * Whether the run takes the bar path's shortcuts (on by default): they change no result, and tests turn them off
     * to show it (BarPathShortcutsTest).
     */
    Backtester shortcuts(boolean on) {
        shortcuts = on;
        return this;
    }

    /** Plays {@code feed} through {@code strategy} to the end (or to a halt) and closes the feed. */
    public BacktestResult run(Strategy strategy, MarketFeed feed) {
        if (strategy == null || feed == null) throw new IllegalArgumentException("a strategy and a market feed are required");
        try (feed) {
            return new BacktestRun(config, strategy, listener, shortcuts).play(feed);
        }
    }
}
