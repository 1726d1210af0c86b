package io.vprop.signal.feature;

/**
 * Rolling covariance, correlation and regression slope of paired samples (x, y) over the last n pairs, O(1).
 * Used for lag-1 autocorrelation, Kyle's lambda and cross-symbol correlation.
 */
final class RollingCovariance {
    private final double[] xs;
    private final double[] ys;
    private int head;
    private int count;
    private int sinceRecompute;
    private double sx, sy, sxx, syy, sxy;

    public RollingCovariance(int capacity) {
        if (capacity < 2) throw new IllegalArgumentException("covariance window must be >= 2, was " + capacity);
        xs = new double[capacity];
        ys = new double[capacity];
    }

    public void add(double x, double y) {
        if (count == xs.length) {
            double ox = xs[head], oy = ys[head];
            sx -= ox; sy -= oy; sxx -= ox * ox; syy -= oy * oy; sxy -= ox * oy;
        } else {
            count++;
        }
        xs[head] = x;
        ys[head] = y;
        head = head + 1 == xs.length ? 0 : head + 1;
        sx += x; sy += y; sxx += x * x; syy += y * y; sxy += x * y;
        if (++sinceRecompute >= xs.length) recompute();
    }

    private void recompute() {
        sx = sy = sxx = syy = sxy = 0;
        for (int i = 0; i < count; i++) {
            double x = xs[i], y = ys[i];
            sx += x; sy += y; sxx += x * x; syy += y * y; sxy += x * y;
        }
        sinceRecompute = 0;
    }

    public int count() { return count; }

    public boolean full() { return count == xs.length; }

    public double covariance() {
        if (count < 2) return Double.NaN;
        return sxy / count - (sx / count) * (sy / count);
    }

    public double varianceX() {
        if (count < 2) return Double.NaN;
        double v = sxx / count - (sx / count) * (sx / count);
        return v > 0 ? v : 0;
    }

    public double varianceY() {
        if (count < 2) return Double.NaN;
        double v = syy / count - (sy / count) * (sy / count);
        return v > 0 ? v : 0;
    }

    /** Pearson correlation; 0 when either side has no variance. */
    public double correlation() {
        if (count < 2) return Double.NaN;
        double vx = varianceX(), vy = varianceY();
        if (vx <= 0 || vy <= 0) return 0.0;
        double c = covariance() / Math.sqrt(vx * vy);
        return c > 1 ? 1 : (c < -1 ? -1 : c);
    }

    /** OLS slope of y on x; 0 when x has no variance. */
    public double slope() {
        if (count < 2) return Double.NaN;
        double vx = varianceX();
        return vx <= 0 ? 0.0 : covariance() / vx;
    }
}
