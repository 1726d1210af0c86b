package io.vprop.challenge.sim;

import io.vprop.challenge.ClosedTrade;
import io.vprop.challenge.TradeHistory;

import java.util.Arrays;
import java.util.List;

/**
 * The history's trades resized to a risk per trade, with the intraday worst point each one reaches.
 *
 * <p><b>Risk of a trade (R).</b> Its {@code riskMoney}; when unknown, the proxy R = the median loss of the history's
 * losing trades (an error when there is none). <b>Worst point.</b> {@code min(worstExcursion + costs, net, 0)} with
 * costs = the negative part of commission + swap; when the worst excursion is unknown the trade is assumed to have
 * gone the full R against the position first ({@code min(-R + costs, net)}): conservative for winners, exact for
 * trades stopped out. <b>Size.</b> lots × (risk% × initial balance / R), rounded <em>down</em> to the symbol's
 * volume step (never more risk than asked); a trade that rounds to zero lots is not taken. Money scales with the
 * lots (commission per lot, swap per lot).
 */
final class ScaledTrades {
    final List<ClosedTrade> trades;
    final double[] lots;      // 0 = skipped
    final double[] net;
    final double[] worst;     // <= min(net, 0)
    final int skippedZeroLots;
    final int proxyRiskTrades;
    final int assumedWorstTrades;
    final double proxyRisk;   // NaN when every trade states its risk

    private ScaledTrades(List<ClosedTrade> trades, double[] lots, double[] net, double[] worst, int skipped,
                         int proxyTrades, int assumedWorst, double proxyRisk) {
        this.trades = trades;
        this.lots = lots;
        this.net = net;
        this.worst = worst;
        this.skippedZeroLots = skipped;
        this.proxyRiskTrades = proxyTrades;
        this.assumedWorstTrades = assumedWorst;
        this.proxyRisk = proxyRisk;
    }

    static ScaledTrades of(TradeHistory h, LabSpec spec, double riskPct) {
        List<ClosedTrade> ts = h.trades();
        if (ts.isEmpty()) throw new IllegalArgumentException(h.source() + ": the history has no trades");
        int n = ts.size();
        int proxyTrades = 0;
        for (ClosedTrade t : ts) {
            if (!(t.lots() > 0) || Double.isInfinite(t.lots())) {
                throw new IllegalArgumentException(t.source() + ": trade " + t.id() + " has lots " + t.lots() + " (must be > 0)");
            }
            if (!(t.riskMoney() > 0) || Double.isInfinite(t.riskMoney())) proxyTrades++;
        }
        double proxy = proxyTrades == 0 ? Double.NaN : medianLoss(h);
        double[] lots = new double[n], net = new double[n], worst = new double[n];
        int skipped = 0, assumed = 0;
        for (int i = 0; i < n; i++) {
            ClosedTrade t = ts.get(i);
            double r = t.riskMoney() > 0 && !Double.isInfinite(t.riskMoney()) ? t.riskMoney() : proxy;
            double k = 1;
            lots[i] = t.lots();
            if (!Double.isNaN(riskPct)) {
                double step = spec.volumeStep(t.symbol());
                double wanted = t.lots() * (riskPct / 100.0 * spec.initialBalance() / r);
                long steps = (long) Math.floor(wanted / step + 1e-9);
                lots[i] = steps * step;
                k = lots[i] / t.lots();
            }
            if (lots[i] == 0) {
                skipped++;
                continue;
            }
            double costs = Math.min(0, t.commission() + t.swap());
            double w;
            if (Double.isNaN(t.worstExcursion())) {
                assumed++;
                w = -r + costs;
            } else {
                w = Math.min(t.worstExcursion(), 0) + costs;
            }
            net[i] = t.net() * k;
            worst[i] = Math.min(Math.min(w * k, net[i]), 0);
        }
        return new ScaledTrades(ts, lots, net, worst, skipped, proxyTrades, assumed, proxy);
    }

    private static double medianLoss(TradeHistory h) {
        double[] losses = h.trades().stream().mapToDouble(ClosedTrade::net).filter(v -> v < 0).map(Math::abs).sorted().toArray();
        if (losses.length == 0) {
            throw new IllegalArgumentException(h.source() + ": trades without riskMoney and no losing trade to estimate"
                    + " the risk per trade from; give riskMoney or run with the trades as recorded (riskPctPerTrade NaN)");
        }
        int m = losses.length / 2;
        return losses.length % 2 == 1 ? losses[m] : (losses[m - 1] + losses[m]) / 2;
    }

    int kept() {
        return (int) Arrays.stream(lots).filter(v -> v > 0).count();
    }
}
