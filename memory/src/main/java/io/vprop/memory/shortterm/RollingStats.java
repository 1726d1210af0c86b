package io.vprop.memory.shortterm;

import io.vprop.memory.TradeRecord;

import java.util.Collection;

/**
 * Statistics over a window of trades. Undefined quantities (an empty window, Sharpe of fewer than
 * two trades or of zero variance) are 0 rather than NaN so callers never propagate NaN: check {@link #trades()}.
 *
 * @param expectancyR mean R multiple per trade
 * @param sharpe      per-trade Sharpe ratio: mean P&amp;L / sample standard deviation of P&amp;L (not annualised)
 */
public record RollingStats(int trades, int wins, double winRate, double expectancyR, double meanPnl,
                           double sharpe, double meanMae, double meanMfe) {

    public static final RollingStats EMPTY = new RollingStats(0, 0, 0, 0, 0, 0, 0, 0);

    public static RollingStats of(Collection<TradeRecord> window) {
        int n = window.size();
        if (n == 0) {
            return EMPTY;
        }
        int wins = 0;
        double sumR = 0, sumPnl = 0, sumMae = 0, sumMfe = 0;
        for (TradeRecord t : window) {
            if (t.won()) {
                wins++;
            }
            sumR += t.rMultiple();
            sumPnl += t.pnl();
            sumMae += t.mae();
            sumMfe += t.mfe();
        }
        double meanPnl = sumPnl / n;
        double sharpe = 0;
        if (n >= 2) {
            double ss = 0;
            for (TradeRecord t : window) {
                double d = t.pnl() - meanPnl;
                ss += d * d;
            }
            double sd = Math.sqrt(ss / (n - 1));
            sharpe = sd > 0 ? meanPnl / sd : 0;
        }
        return new RollingStats(n, wins, (double) wins / n, sumR / n, meanPnl, sharpe, sumMae / n, sumMfe / n);
    }
}
