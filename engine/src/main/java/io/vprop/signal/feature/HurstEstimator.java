package io.vprop.signal.feature;

/**
 * Rolling Hurst exponent from the variance-ratio scaling law Var(r_k) = k^{2H} Var(r_1), where r_k are overlapping
 * k-step sums of returns. O(1) per update (two rolling windows and a ring of the last k returns), unlike R/S analysis
 * which is O(n). H ≈ 0.5 random walk, > 0.5 trending (persistent), &lt; 0.5 mean-reverting.
 */
final class HurstEstimator {
    private final int k;
    private final double[] last;
    private int head;
    private long seen;
    private double kSum;
    private final RollingWindow one;
    private final RollingWindow multi;

    public HurstEstimator(int window, int k) {
        if (k < 2) throw new IllegalArgumentException("Hurst aggregation k must be >= 2, was " + k);
        if (window < 2 * k) throw new IllegalArgumentException("Hurst window must be >= 2k, was " + window);
        this.k = k;
        this.last = new double[k];
        this.one = new RollingWindow(window);
        this.multi = new RollingWindow(window);
    }

    public void add(double ret) {
        kSum += ret - last[head];
        last[head] = ret;
        head = head + 1 == k ? 0 : head + 1;
        one.add(ret);
        if (++seen >= k) multi.add(kSum);
    }

    /** NaN until both windows hold at least 2k samples; clamped to [0, 1]. */
    public double value() {
        if (multi.count() < 2 * k) return Double.NaN;
        double v1 = one.variance(), vk = multi.variance();
        if (v1 <= 0 || vk <= 0) return 0.5;
        double h = Math.log(vk / v1) / (2 * Math.log(k));
        return h < 0 ? 0 : (h > 1 ? 1 : h);
    }
}
