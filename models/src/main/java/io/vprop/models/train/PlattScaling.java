package io.vprop.models.train;

/**
 * Platt scaling: fits P(y=1 | m) = sigmoid(a·m + b) on held-out margins by Newton's method on the log loss,
 * with Platt's smoothed targets (so a perfectly separated calibration set does not push a to infinity).
 */
public record PlattScaling(double a, double b) {

    public static PlattScaling fit(double[] margins, int[] y) {
        int n = y.length;
        if (n == 0 || margins.length != n) throw new IllegalArgumentException("need margins and labels of equal, non-zero length");
        int pos = 0;
        for (int v : y) pos += v;
        double hiT = (pos + 1.0) / (pos + 2.0), loT = 1.0 / (n - pos + 2.0);
        double a = 1, b = 0;
        for (int it = 0; it < 100; it++) {
            double ga = 0, gb = 0, haa = 1e-12, hab = 0, hbb = 1e-12;
            for (int i = 0; i < n; i++) {
                double t = y[i] == 1 ? hiT : loT;
                double p = 1 / (1 + Math.exp(-(a * margins[i] + b)));
                double d = p - t, w = p * (1 - p);
                ga += d * margins[i];
                gb += d;
                haa += w * margins[i] * margins[i];
                hab += w * margins[i];
                hbb += w;
            }
            double det = haa * hbb - hab * hab;
            if (!(Math.abs(det) > 1e-18)) break;
            double da = (hbb * ga - hab * gb) / det, db = (haa * gb - hab * ga) / det;
            a -= da;
            b -= db;
            if (Math.abs(da) + Math.abs(db) < 1e-10) break;
        }
        return new PlattScaling(a, b);
    }
}
