package io.vprop.challenge.sim;

/**
 * Automatic block length for the stationary bootstrap: Politis &amp; White (2004), "Automatic block-length selection
 * for the dependent bootstrap", with the correction of Patton, Politis &amp; White (2009). On the daily net P&amp;L:
 * <ol>
 *   <li>m̂ = the smallest lag m after which K_N = max(5, ⌈log10 n⌉) autocorrelations in a row are within
 *       ±2·√(log10 n / n) (none found: m_max = ⌈√n⌉ + K_N);</li>
 *   <li>M = min(2·m̂, m_max); flat-top lag window λ(t) = 1 for |t| ≤ ½, 2(1 − |t|) up to 1;</li>
 *   <li>Ĝ = Σ_{|k| ≤ M} λ(k/M)·|k|·R(k), D̂ = 2·(Σ_{|k| ≤ M} λ(k/M)·R(k))², b = (2Ĝ²/D̂)^{1/3}·n^{1/3};</li>
 *   <li>b is held within [1, min(3√n, n/3)].</li>
 * </ol>
 * A series without serial dependence gives b near 1 (i.i.d. days); clustering of good and bad days gives longer
 * blocks.
 */
final class BlockLength {
    private BlockLength() {}

    static double politisWhite(double[] x) {
        int n = x.length;
        if (n < 8) return 1;
        double mean = 0;
        for (double v : x) mean += v;
        mean /= n;
        int kn = Math.max(5, (int) Math.ceil(Math.log10(n)));
        int mMax = (int) Math.ceil(Math.sqrt(n)) + kn;
        mMax = Math.min(mMax, n - 1);
        double[] r = new double[mMax + 1];
        for (int k = 0; k <= mMax; k++) {
            double s = 0;
            for (int i = k; i < n; i++) s += (x[i] - mean) * (x[i - k] - mean);
            r[k] = s / n;
        }
        if (r[0] == 0) return 1;
        double bound = 2 * Math.sqrt(Math.log10(n) / n);
        int mHat = mMax;
        int run = 0;
        for (int k = 1; k <= mMax; k++) {
            if (Math.abs(r[k] / r[0]) < bound) {
                run++;
                if (run == kn) {
                    mHat = k - kn;
                    break;
                }
            } else {
                run = 0;
            }
        }
        int m = Math.min(2 * Math.max(mHat, 1), mMax);
        double g = 0, g0 = 0;
        for (int k = -m; k <= m; k++) {
            double lam = lambda((double) k / m);
            double rk = r[Math.abs(k)];
            g += lam * Math.abs(k) * rk;
            g0 += lam * rk;
        }
        double d = 2 * g0 * g0;
        double cap = Math.max(1, Math.min(3 * Math.sqrt(n), n / 3.0));
        if (d == 0 || g == 0) return 1;
        double b = Math.cbrt(2 * g * g / d) * Math.cbrt(n);
        return Math.max(1, Math.min(cap, b));
    }

    private static double lambda(double t) {
        double a = Math.abs(t);
        if (a <= 0.5) return 1;
        if (a <= 1) return 2 * (1 - a);
        return 0;
    }
}
