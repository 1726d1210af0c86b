package io.vprop.signal.select;

/**
 * Small, seedable, allocation-free PRNG (SplitMix64) with uniform, normal (Marsaglia polar, cached pair) and gamma /
 * beta (Marsaglia–Tsang) variates, for Thompson sampling on the hot path. Not thread-safe, like the engine.
 */
public final class Rng {
    private long state;
    private double spareNormal;
    private boolean hasSpare;

    public Rng(long seed) { this.state = seed; }

    public long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1). */
    public double nextDouble() { return (nextLong() >>> 11) * 0x1.0p-53; }

    public double nextGaussian() {
        if (hasSpare) { hasSpare = false; return spareNormal; }
        double u, v, s;
        do {
            u = 2 * nextDouble() - 1;
            v = 2 * nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double m = Math.sqrt(-2 * Math.log(s) / s);
        spareNormal = v * m;
        hasSpare = true;
        return u * m;
    }

    /** Gamma(shape, 1); shape &gt; 0. */
    public double nextGamma(double shape) {
        if (shape < 1) {
            double u = nextDouble();
            return nextGamma(shape + 1) * Math.pow(u == 0 ? Double.MIN_VALUE : u, 1.0 / shape);
        }
        double d = shape - 1.0 / 3, c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x, v;
            do {
                x = nextGaussian();
                v = 1 + c * x;
            } while (v <= 0);
            v = v * v * v;
            double u = nextDouble();
            if (u < 1 - 0.0331 * x * x * x * x) return d * v;
            if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
        }
    }

    /** Beta(a, b) via two gammas. */
    public double nextBeta(double a, double b) {
        double x = nextGamma(a), y = nextGamma(b);
        return x / (x + y);
    }
}
