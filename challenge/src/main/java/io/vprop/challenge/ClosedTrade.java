package io.vprop.challenge;

import io.vprop.trade.Side;

/**
 * One round trip as the challenge lab sees it: when it was open, what it made, and how bad it got while open. Money
 * is in the account currency of the history it came from, net of nothing (commission and swap are separate).
 *
 * @param id             the position ticket or the source's trade id (unique within a history)
 * @param symbol         e.g. "EURUSD"
 * @param side           BUY or SELL
 * @param lots           volume at entry, in lots
 * @param openMs         entry time, UTC epoch ms
 * @param closeMs        exit time (last exit deal), UTC epoch ms, >= openMs
 * @param openPrice      average entry price
 * @param closePrice     average exit price
 * @param profit         gross profit of the price move, account currency
 * @param commission     commission charged (<= 0 when a cost), account currency
 * @param swap           swap charged or paid, account currency
 * @param worstExcursion the lowest floating P&L while the trade was open, account currency, <= 0; NaN when the
 *                       source does not say (the simulator then applies its documented conservative assumption)
 * @param riskMoney      money at risk at the initial stop loss, > 0; NaN when unknown (then R is unknown)
 * @param source         where it came from, for error messages: "report.html line 57", "backtest fold 3"
 */
public record ClosedTrade(String id, String symbol, Side side, double lots, long openMs, long closeMs,
                          double openPrice, double closePrice, double profit, double commission, double swap,
                          double worstExcursion, double riskMoney, String source) {
    public ClosedTrade {
        if (closeMs < openMs) throw new IllegalArgumentException(source + ": trade " + id + " closes before it opens");
        if (!Double.isFinite(profit) || !Double.isFinite(commission) || !Double.isFinite(swap))
            throw new IllegalArgumentException(source + ": trade " + id + " has a non-finite profit, commission or swap");
    }

    /** What the trade added to the balance: profit + commission + swap. */
    public double net() { return profit + commission + swap; }
}
