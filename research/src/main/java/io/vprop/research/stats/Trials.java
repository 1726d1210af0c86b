package io.vprop.research.stats;

/**
 * The trials behind a result, for the deflated Sharpe ratio: how many configurations were tried (every one counts,
 * also those that lost or never traded) and the variance of their per-period (daily) Sharpe ratios.
 *
 * @param count               trials counted, >= 1
 * @param sharpeVariance      sample variance (n − 1) of the trials' daily Sharpe ratios; NaN when fewer than two
 *                            of them are finite
 * @param sharpesMeasured     how many trial Sharpe ratios were finite and went into the variance
 */
public record Trials(long count, double sharpeVariance, int sharpesMeasured) {
    public Trials {
        if (count < 1) throw new IllegalArgumentException("trials must count at least 1, got " + count);
    }

    /** One trial: the deflated Sharpe ratio equals the probabilistic one. */
    public static Trials single() {
        return new Trials(1, Double.NaN, 0);
    }

    /**
     * The trials of {@code sharpes} (one per configuration tried; NaN for one without a Sharpe ratio, still counted)
     * plus {@code earlierTrials} tried before this run (counted, without a Sharpe ratio).
     */
    public static Trials of(double[] sharpes, long earlierTrials) {
        if (earlierTrials < 0) throw new IllegalArgumentException("earlier trials cannot be negative: " + earlierTrials);
        int n = 0;
        double mean = 0, m2 = 0;
        for (double s : sharpes) {
            if (!Double.isFinite(s)) continue;
            n++;
            double d = s - mean;
            mean += d / n;
            m2 += d * (s - mean);
        }
        return new Trials(sharpes.length + earlierTrials, n >= 2 ? m2 / (n - 1) : Double.NaN, n);
    }
}
