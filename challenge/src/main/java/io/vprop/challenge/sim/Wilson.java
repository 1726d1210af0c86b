package io.vprop.challenge.sim;

/** Wilson score interval for a binomial proportion (95 %, z = 1.96): sound near 0 and 1, unlike the normal one. */
final class Wilson {
    static final double Z = 1.959963984540054;

    private Wilson() {}

    static LabResult.Rate rate(int successes, int trials) {
        if (trials == 0) return new LabResult.Rate(0, 0, Double.NaN, Double.NaN, Double.NaN);
        double n = trials, p = successes / n, z2 = Z * Z;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = Z * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n);
        // the interval's ends are exactly 0 and 1 when nothing or everything succeeded (no rounding residue)
        double lo = successes == 0 ? 0 : Math.max(0, centre - half), hi = successes == trials ? 1 : Math.min(1, centre + half);
        return new LabResult.Rate(successes, trials, p, lo, hi);
    }
}
