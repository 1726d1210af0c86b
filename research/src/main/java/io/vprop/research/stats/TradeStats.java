package io.vprop.research.stats;

import io.vprop.research.BacktestTrade;

import java.util.Collection;

/**
 * What a set of closed trades says on its own, money in the account currency (USD).
 *
 * @param trades         round trips
 * @param winRatePct     trades with net P&L > 0, percent of trades (NaN without trades)
 * @param expectancyR    mean R of the trades that had a stop (NaN when none had)
 * @param tradesWithR    trades that had a stop and so an R
 * @param expectancyUsd  mean net P&L per trade
 * @param pnlUsd         total net P&L (commission and swap included)
 * @param profitFactor   gross profit / gross loss (NaN without losses)
 * @param commissionUsd  total commission (<= 0)
 */
public record TradeStats(int trades, double winRatePct, double expectancyR, int tradesWithR, double expectancyUsd,
                         double pnlUsd, double profitFactor, double commissionUsd) {

    public static TradeStats of(Collection<BacktestTrade> trades) {
        int n = 0, wins = 0, withR = 0;
        double pnl = 0, sumR = 0, gross = 0, loss = 0, commission = 0;
        for (BacktestTrade t : trades) {
            n++;
            pnl += t.pnl();
            commission += t.commission();
            if (t.pnl() > 0) {
                wins++;
                gross += t.pnl();
            } else {
                loss -= t.pnl();
            }
            double r = t.r();
            if (Double.isFinite(r)) {
                withR++;
                sumR += r;
            }
        }
        return new TradeStats(n, n > 0 ? 100.0 * wins / n : Double.NaN, withR > 0 ? sumR / withR : Double.NaN, withR,
                n > 0 ? pnl / n : Double.NaN, pnl, loss > 0 ? gross / loss : Double.NaN, commission);
    }
}
