package io.vprop.research.stats;

import io.vprop.research.BacktestResult;
import io.vprop.research.BacktestTrade;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** Computes {@link Stats} from trades and a day-end equity series. */
public final class Statistics {
    /** Weekdays per year: the daily Sharpe and Sortino ratios are annualised with √260. */
    public static final double PERIODS_PER_YEAR = 260;

    private Statistics() {
    }

    /** A whole backtest as one window, [fromMs, toMs] of the run. */
    public static Stats of(BacktestResult run, Trials trials, ToDoubleFunction<BacktestTrade> notionalUsd) {
        DailySeries daily = DailySeries.fromEquity(run.equity(), run.initialBalance(), run.fromMs(), run.toMs() + 1);
        return of(run.trades(), daily, run.fromMs(), run.toMs() + 1, trials, notionalUsd);
    }

    /**
     * @param trades      the trades of the window (exposure counts only their time inside it)
     * @param daily       the window's day-end equity
     * @param fromMs      window start, UTC ms
     * @param toMs        window end (exclusive), UTC ms
     * @param notionalUsd a trade's notional at entry in USD, NaN when it cannot be told
     */
    public static Stats of(List<BacktestTrade> trades, DailySeries daily, long fromMs, long toMs, Trials trials,
                           ToDoubleFunction<BacktestTrade> notionalUsd) {
        if (toMs <= fromMs) throw new IllegalArgumentException("empty window [" + fromMs + ", " + toMs + ")");
        Moments m = Moments.of(daily.returns());
        Drawdown dd = Drawdown.of(daily);
        double sr = m.sharpe();
        double sqrtYear = Math.sqrt(PERIODS_PER_YEAR);
        double[] exposure = exposure(trades, fromMs, toMs);
        double lots = 0, notional = 0;
        for (BacktestTrade t : trades) {
            lots += 2 * t.lots();
            notional += 2 * notionalUsd.applyAsDouble(t); // one NaN makes the whole sum NaN: not derivable
        }
        int days = daily.size();
        double start = daily.startEquity(), end = daily.endEquity();
        double sr0 = SharpeInference.expectedMaxSharpe(trials.count(), trials.sharpeVariance());
        return new Stats(TradeStats.of(trades), days, start, end, start > 0 ? (end / start - 1) * 100 : Double.NaN,
                sr, sr * sqrtYear, m.sortino() * sqrtYear, m.skewness(), m.kurtosis(),
                dd.maxUsd(), dd.maxPct(), dd.longestUnderwaterDays(), dd.totalUnderwaterDays(),
                exposure[0] * 100, exposure[1],
                days > 0 ? lots / days : Double.NaN, days > 0 ? notional / days : Double.NaN,
                SharpeInference.probabilistic(sr, 0, days, m.skewness(), m.kurtosis()), trials.count(), sr0,
                SharpeInference.probabilistic(sr, sr0, days, m.skewness(), m.kurtosis()));
    }

    /** [fraction of the window with a position open, position-time / window time], trades clipped to the window. */
    static double[] exposure(List<BacktestTrade> trades, long fromMs, long toMs) {
        List<long[]> spans = new ArrayList<>();
        double positionTime = 0;
        for (BacktestTrade t : trades) {
            long a = Math.max(t.openMs(), fromMs), b = Math.min(t.closeMs(), toMs);
            if (b > a) {
                spans.add(new long[]{a, b});
                positionTime += b - a;
            }
        }
        spans.sort(Comparator.comparingLong(s -> s[0]));
        long covered = 0, curA = Long.MIN_VALUE, curB = Long.MIN_VALUE;
        for (long[] s : spans) {
            if (s[0] > curB) {
                if (curB > curA) covered += curB - curA;
                curA = s[0];
                curB = s[1];
            } else {
                curB = Math.max(curB, s[1]);
            }
        }
        if (curB > curA) covered += curB - curA;
        double window = toMs - fromMs;
        return new double[]{covered / window, positionTime / window};
    }
}
