package io.vprop.signal.replay;

import io.vprop.trade.Side;

/**
 * A completed replay trade. {@code pnl} is net of commission; spread and slippage are inside the fill prices.
 *
 * @param exit how the last part closed: "SL", "BE" (stop at break-even after TP1), "TP2", "TIME"
 * @param rMultiple pnl divided by the money at risk at entry (lots × stop distance value)
 */
record ReplayTrade(String symbol, Side side, double lots, long entryTimeMs, double entryPrice,
                          long exitTimeMs, String exit, boolean tp1Hit, double pnl, double commission,
                          double rMultiple, String alpha, String timeframe, String regime, String grade) {
}
