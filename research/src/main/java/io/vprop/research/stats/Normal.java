package io.vprop.research.stats;

/**
 * The standard normal distribution: Φ and Φ⁻¹ to about 1e-15, from the series and the continued fraction of erf/erfc
 * (no library in the domain has them). Φ⁻¹ is a safeguarded Newton iteration on Φ, so the two agree to rounding.
 */
final class Normal {
    private static final double SQRT2 = Math.sqrt(2.0);
    private static final double SQRT_PI = Math.sqrt(Math.PI);

    private Normal() {
    }

    /** Φ(z) = P(Z ≤ z). */
    static double cdf(double z) {
        if (Double.isNaN(z)) return Double.NaN;
        double x = z / SQRT2;
        return x < 0 ? 0.5 * erfc(-x) : 1.0 - 0.5 * erfc(x);
    }

    /** The density φ(z). */
    static double pdf(double z) {
        return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
    }

    /** Φ⁻¹(p) for 0 < p < 1; −∞ at 0 and +∞ at 1. */
    static double inverseCdf(double p) {
        if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException("a probability must be in [0, 1], got " + p);
        if (p == 0) return Double.NEGATIVE_INFINITY;
        if (p == 1) return Double.POSITIVE_INFINITY;
        if (p > 0.5) return -inverseCdf(1 - p);
        // p <= 0.5: the root is <= 0; cdf is increasing, bracket [-40, 0]
        double lo = -40, hi = 0, x = -1;
        for (int i = 0; i < 200; i++) {
            double f = cdf(x) - p;
            if (f == 0) return x;
            if (f < 0) lo = x; else hi = x;
            double next = x - f / pdf(x);
            if (!(next > lo && next < hi)) next = 0.5 * (lo + hi); // Newton left the bracket: bisect
            if (Math.abs(next - x) <= 1e-15 * Math.max(1, Math.abs(x))) return next;
            x = next;
        }
        return x;
    }

    /** erfc(x) for x >= 0: the positive series of erf below 3, the continued fraction (Lentz) above. */
    private static double erfc(double x) {
        if (x < 3) {
            // erf(x) = 2/√π e^{-x²} Σ 2ⁿ x^{2n+1} / (1·3·…·(2n+1)): every term positive, no cancellation
            double term = x, sum = x;
            for (int n = 1; n < 200 && term > 1e-17 * sum; n++) {
                term *= 2 * x * x / (2 * n + 1);
                sum += term;
            }
            return 1.0 - 2 / SQRT_PI * Math.exp(-x * x) * sum;
        }
        // erfc(x) = e^{-x²}/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + …)))))
        double tiny = 1e-300;
        double f = x, c = x, d = 0;
        for (int n = 1; n < 500; n++) {
            double a = n / 2.0;
            d = x + a * d;
            d = d == 0 ? 1 / tiny : 1 / d;
            c = x + a / c;
            if (c == 0) c = tiny;
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1) < 1e-16) break;
        }
        return Math.exp(-x * x) / SQRT_PI / f;
    }
}
