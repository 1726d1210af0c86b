package io.vprop.analytics;

import java.util.Arrays;

/**
 * Performance measures as pure functions over arrays. Every function rejects NaN/infinite input with the index
 * of the bad value, and returns NaN when the measure is undefined for the sample (too few points, zero
 * dispersion, no losses ...); callers show NaN as "not enough data", never as a number.
 *
 * <p>Conventions (docs/web-panel.md): returns are per trade (net P&amp;L over the balance before the trade) and
 * ratios are not annualized; standard deviation is the sample one (n − 1); downside deviation is
 * sqrt(Σ min(r, 0)² / n) (target 0); VaR and ES at 95 % are historical: with the sample sorted ascending and
 * k = ceil(0.05 n), VaR = −x(k) and ES = −mean(x(1..k)), both reported as positive losses.
 */
final class Metrics {
    private Metrics() { }

    public static double mean(double[] x) {
        check(x, "x");
        if (x.length == 0) return Double.NaN;
        double s = 0;
        for (double v : x) s += v;
        return s / x.length;
    }

    /** Sample standard deviation (n − 1); NaN for fewer than two values. */
    public static double stdev(double[] x) {
        check(x, "x");
        if (x.length < 2) return Double.NaN;
        double m = mean(x), ss = 0;
        for (double v : x) ss += (v - m) * (v - m);
        return Math.sqrt(ss / (x.length - 1));
    }

    /** mean / sample stdev of the returns (risk-free rate 0, per period, not annualized). */
    public static double sharpe(double[] returns) {
        check(returns, "returns");
        double sd = stdev(returns);
        return sd > 0 ? mean(returns) / sd : Double.NaN;
    }

    /** mean / downside deviation, downside deviation = sqrt(Σ min(r,0)² / n); NaN without any negative return. */
    public static double sortino(double[] returns) {
        check(returns, "returns");
        if (returns.length < 2) return Double.NaN;
        double ss = 0;
        for (double r : returns) if (r < 0) ss += r * r;
        double dd = Math.sqrt(ss / returns.length);
        return dd > 0 ? mean(returns) / dd : Double.NaN;
    }

    /**
     * Largest fall from a running peak, as a fraction of that peak (0.1 = 10 %); 0 for a curve that never falls.
     * Values must be positive (an equity curve).
     */
    public static double maxDrawdownPct(double[] equity) {
        check(equity, "equity");
        double peak = Double.NEGATIVE_INFINITY, worst = 0;
        for (int i = 0; i < equity.length; i++) {
            if (equity[i] <= 0) throw new IllegalArgumentException("equity[" + i + "] must be positive, got " + equity[i]);
            peak = Math.max(peak, equity[i]);
            worst = Math.max(worst, (peak - equity[i]) / peak);
        }
        return worst;
    }

    /** Largest fall from a running peak in money. */
    public static double maxDrawdown(double[] equity) {
        check(equity, "equity");
        double peak = Double.NEGATIVE_INFINITY, worst = 0;
        for (double v : equity) {
            peak = Math.max(peak, v);
            worst = Math.max(worst, peak - v);
        }
        return worst;
    }

    /** Total return of the curve (last / first − 1) over its max drawdown fraction; NaN when it never fell. */
    public static double calmar(double[] equity) {
        double dd = maxDrawdownPct(equity);
        if (equity.length < 2 || dd == 0) return Double.NaN;
        return (equity[equity.length - 1] / equity[0] - 1) / dd;
    }

    /** Historical value at risk at 95 %: the loss not exceeded in 95 % of the sample (positive = a loss). */
    public static double var95(double[] x) {
        check(x, "x");
        if (x.length == 0) return Double.NaN;
        double[] s = x.clone();
        Arrays.sort(s);
        return -s[tailCount(s.length) - 1];
    }

    /** Historical expected shortfall at 95 %: the mean of the worst ceil(5 %) of the sample, as a positive loss. */
    public static double es95(double[] x) {
        check(x, "x");
        if (x.length == 0) return Double.NaN;
        double[] s = x.clone();
        Arrays.sort(s);
        int k = tailCount(s.length);
        double sum = 0;
        for (int i = 0; i < k; i++) sum += s[i];
        return -sum / k;
    }

    /** Share of strictly positive values (0..1). */
    public static double winRate(double[] pnl) {
        check(pnl, "pnl");
        if (pnl.length == 0) return Double.NaN;
        int w = 0;
        for (double v : pnl) if (v > 0) w++;
        return (double) w / pnl.length;
    }

    /** Gross profit / gross loss; NaN without losses (infinite is not a number a trader can use). */
    public static double profitFactor(double[] pnl) {
        check(pnl, "pnl");
        double win = 0, loss = 0;
        for (double v : pnl) {
            if (v > 0) win += v;
            else loss -= v;
        }
        return loss > 0 ? win / loss : Double.NaN;
    }

    /** Mean result per trade in money: win rate × average win − loss rate × average loss. */
    public static double expectancy(double[] pnl) {
        return mean(pnl);
    }

    private static int tailCount(int n) {
        return Math.max(1, (int) Math.ceil(0.05 * n - 1e-12));
    }

    private static void check(double[] x, String name) {
        if (x == null) throw new IllegalArgumentException(name + " is missing");
        for (int i = 0; i < x.length; i++)
            if (!Double.isFinite(x[i])) throw new IllegalArgumentException(name + "[" + i + "] is not a finite number: " + x[i]);
    }
}
