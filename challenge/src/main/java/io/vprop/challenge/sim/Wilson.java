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
        return new LabResult.Rate(successes, trials, p, Math.max(0, centre - half), Math.min(1, centre + half));
    }
}
