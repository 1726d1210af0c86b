package io.vprop.analytics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Cumulative closed-trade profit and the drawdown under its running peak, one point per closed trade in closing
 * order (the curve starts at 0 before the first trade, so a first loss is a drawdown). Pure.
 *
 * @param cumNet      net result of every trade closed so far
 * @param drawdown    peak of {@code cumNet} so far − {@code cumNet} (money, ≥ 0)
 * @param drawdownPct {@code drawdown} as % of the balance at that peak (start balance + peak); null when unknown
 */
record ProfitCurve(long tMs, long position, double net, double cumNet, Double balance, double drawdown, Double drawdownPct) {

    static List<ProfitCurve> of(List<Trade> trades, double startBalance) {
        boolean known = Double.isFinite(startBalance) && startBalance > 0;
        List<ProfitCurve> out = new ArrayList<>();
        double cum = 0, peak = 0;
        for (Trade t : trades.stream().filter(Trade::closed)
                .sorted(Comparator.comparingLong(Trade::closeMs).thenComparingLong(Trade::position)).toList()) {
            cum += t.net();
            peak = Math.max(peak, cum);
            double dd = peak - cum;
            out.add(new ProfitCurve(t.closeMs(), t.position(), t.net(), cum, known ? startBalance + cum : null, dd,
                    known && startBalance + peak > 0 ? dd / (startBalance + peak) * 100 : null));
        }
        return out;
    }
}
