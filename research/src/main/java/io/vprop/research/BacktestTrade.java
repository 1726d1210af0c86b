package io.vprop.research;

import io.vprop.trade.Side;

/**
 * One closed round trip of a backtest, money in the account currency.
 *
 * @param position       the paper broker's position ticket
 * @param lots           volume at entry
 * @param openMs         entry fill time, UTC epoch ms
 * @param closeMs        time of the last exit fill, UTC epoch ms
 * @param entryPrice     entry fill price
 * @param exitPrice      volume-weighted exit price
 * @param pnl            net: price profit + commission + swap
 * @param commission     commission paid (<= 0)
 * @param swap           swap (signed)
 * @param riskMoney      money at the initial stop loss (> 0), or 0 when the order had no stop
 * @param worstExcursion lowest floating P&L while open (<= 0), from the quotes the broker saw
 * @param alpha          the strategy's name for the setup ("trend_pullback", "demo_ema_cross")
 * @param regime         regime at entry as the strategy stated it, "" if none
 * @param session        trading session of the entry (asia, london, newyork, overlap, off)
 * @param timeframe      timeframe of the setup, "" if none
 * @param exitReason     sl, tp, tp1+tp2, close, stop_out, end_of_data…
 */
public record BacktestTrade(long position, String symbol, Side side, double lots, long openMs, long closeMs,
                            double entryPrice, double exitPrice, double pnl, double commission, double swap,
                            double riskMoney, double worstExcursion, String alpha, String regime, String session,
                            String timeframe, String exitReason) {

    /** Result in R (net P&L over the money at the initial stop); NaN when the trade had no stop. */
    public double r() { return riskMoney > 0 ? pnl / riskMoney : Double.NaN; }
}
