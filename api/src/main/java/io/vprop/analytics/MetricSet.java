package io.vprop.analytics;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Every measure for one group of closed trades. A null field means "not defined for this sample" (too few trades,
 * no losses ...); the panel shows it as "—", never as a number.
 *
 * <p>The group's equity curve starts at {@code startBalance} and adds each trade's net result in closing order;
 * returns are net / balance before the trade. For a sub-group (one alpha) that is "the account had it traded
 * only this alpha", which keeps groups comparable.
 */
record MetricSet(int trades, int wins, int losses, double net, double grossProfit, double grossLoss,
                        Double winRate, Double profitFactor, Double expectancy, Double avgWin, Double avgLoss,
                        Double sharpe, Double sortino, Double calmar, double maxDrawdown, Double maxDrawdownPct,
                        Double var95, Double es95) {

    public static MetricSet of(List<Trade> closedTrades, double startBalance) {
        List<Trade> ts = closedTrades.stream().filter(Trade::closed)
                .sorted(Comparator.comparingLong(Trade::closeMs).thenComparingLong(Trade::position)).toList();
        int n = ts.size();
        double[] pnl = new double[n];
        double[] curve = new double[n + 1];
        double[] returns = new double[n];
        boolean balanceKnown = Double.isFinite(startBalance) && startBalance > 0;
        curve[0] = balanceKnown ? startBalance : 0;
        int wins = 0, losses = 0;
        double gp = 0, gl = 0;
        boolean curvePositive = balanceKnown;
        for (int i = 0; i < n; i++) {
            pnl[i] = ts.get(i).net();
            curve[i + 1] = curve[i] + pnl[i];
            returns[i] = balanceKnown ? pnl[i] / curve[i] : 0;
            if (curve[i + 1] <= 0) curvePositive = false;
            if (pnl[i] > 0) {
                wins++;
                gp += pnl[i];
            } else if (pnl[i] < 0) {
                losses++;
                gl -= pnl[i];
            }
        }
        return new MetricSet(n, wins, losses, curve[n] - curve[0], gp, gl,
                num(Metrics.winRate(pnl)), num(Metrics.profitFactor(pnl)), num(Metrics.expectancy(pnl)),
                wins > 0 ? gp / wins : null, losses > 0 ? gl / losses : null,
                balanceKnown ? num(Metrics.sharpe(returns)) : null,
                balanceKnown ? num(Metrics.sortino(returns)) : null,
                curvePositive ? num(Metrics.calmar(curve)) : null,
                Metrics.maxDrawdown(curve),
                curvePositive ? num(Metrics.maxDrawdownPct(curve)) : null,
                num(Metrics.var95(pnl)), num(Metrics.es95(pnl)));
    }

    /** One MetricSet per value of {@code dimension} (alpha, regime, symbol, session, peer), sorted by key. */
    public static Map<String, MetricSet> by(String dimension, List<Trade> trades, double startBalance) {
        Map<String, List<Trade>> groups = trades.stream().filter(Trade::closed)
                .collect(Collectors.groupingBy(t -> t.key(dimension), TreeMap::new, Collectors.toList()));
        Map<String, MetricSet> out = new TreeMap<>();
        groups.forEach((k, v) -> out.put(k, of(v, startBalance)));
        return out;
    }

    static Double num(double v) { return Double.isFinite(v) ? v : null; }
}
