package io.vprop.research.stats;

/**
 * Mean, sample standard deviation (n − 1), and the standardised third and fourth moments (population moments, as
 * Bailey and López de Prado use them: skewness m₃/m₂^1.5, kurtosis m₄/m₂², 3 for a normal distribution).
 */
record Moments(int n, double mean, double sd, double skewness, double kurtosis, double downsideDeviation) {

    static Moments of(double[] x) {
        int n = x.length;
        if (n == 0) return new Moments(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        double mean = 0;
        for (double v : x) mean += v;
        mean /= n;
        double m2 = 0, m3 = 0, m4 = 0, down = 0;
        for (double v : x) {
            double d = v - mean, d2 = d * d;
            m2 += d2;
            m3 += d2 * d;
            m4 += d2 * d2;
            double neg = Math.min(v, 0);
            down += neg * neg;
        }
        double sd = n > 1 ? Math.sqrt(m2 / (n - 1)) : Double.NaN;
        double pm2 = m2 / n;
        double skew = pm2 > 0 ? (m3 / n) / Math.pow(pm2, 1.5) : Double.NaN;
        double kurt = pm2 > 0 ? (m4 / n) / (pm2 * pm2) : Double.NaN;
        return new Moments(n, mean, sd, skew, kurt, Math.sqrt(down / n));
    }

    /** mean / sd per period; NaN when there is no spread (no trades, or fewer than two periods). */
    double sharpe() {
        return sd > 0 ? mean / sd : Double.NaN;
    }

    /** mean / downside deviation per period, the downside deviation √(Σ min(r, 0)² / n) against a target of 0. */
    double sortino() {
        return downsideDeviation > 0 ? mean / downsideDeviation : Double.NaN;
    }
}
