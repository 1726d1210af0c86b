package io.vprop.research.backtest;

import io.vprop.market.Bar;

/**
 * How a bar becomes quotes when a backtest runs on bars (docs/backtesting.md): four quotes per bar — open, one
 * extreme, the other extreme, close — at the bar's open time, +⅓ and +⅔ of its period and its last millisecond, so
 * the broker sees the bar's whole range and the close is its last price; on the way each leg also stops at the
 * levels open positions close at (a stop the path crosses fills at the stop). Which extreme comes first is unknown;
 * the two modes differ only there.
 */
public enum BarPath {
    /**
     * The extreme nearer the open first (the shorter way round, the assumption TradingView's broker emulator makes);
     * on a tie, a bullish bar dips first and a bearish bar rallies first.
     */
    OHLC,
    /**
     * As {@link #OHLC}, except when an open position has both its stop loss and a profit target (TP or TP1) inside
     * the bar: then the stop's side comes first, so the backtest books the loss (the pessimistic reading).
     */
    CONSERVATIVE;

    /** Whether {@code b}'s high comes before its low on the {@link #OHLC} path: {@link Bar#highFirst()}. */
    static boolean highFirst(Bar b) {
        return b.highFirst();
    }

    /** The same of a bar's prices. */
    static boolean highFirst(double open, double high, double low, double close) {
        return Bar.highFirst(open, high, low, close);
    }
}
