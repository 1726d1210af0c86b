package io.vprop.research.stats;

/**
 * How much to believe a Sharpe ratio: the probabilistic Sharpe ratio (Bailey and López de Prado, "The Sharpe Ratio
 * Efficient Frontier", 2012) and the deflated Sharpe ratio (Bailey and López de Prado, "The Deflated Sharpe Ratio",
 * 2014). Every Sharpe ratio here is per period (daily), not annualised; kurtosis is the plain fourth standardised
 * moment (3 for a normal distribution), not the excess.
 */
public final class SharpeInference {
    /** The Euler–Mascheroni constant γ of the expected maximum of N normal draws. */
    static final double EULER_GAMMA = 0.5772156649015329;

    private SharpeInference() {
    }

    /**
     * PSR(SR*) = Φ( (SR − SR*) √(T − 1) / √(1 − γ₃·SR + (γ₄ − 1)/4 · SR²) ): the probability that the true Sharpe
     * ratio exceeds {@code benchmark}, given {@code observations} returns with that skewness and kurtosis.
     * NaN when the Sharpe ratio is not finite, T < 2, or the variance term is not positive.
     */
    public static double probabilistic(double sharpe, double benchmark, long observations, double skewness,
                                       double kurtosis) {
        if (!Double.isFinite(sharpe) || !Double.isFinite(benchmark) || observations < 2) return Double.NaN;
        double variance = 1 - skewness * sharpe + (kurtosis - 1) / 4 * sharpe * sharpe;
        if (!(variance > 0)) return Double.NaN;
        return Normal.cdf((sharpe - benchmark) * Math.sqrt(observations - 1.0) / Math.sqrt(variance));
    }

    /**
     * SR₀ = √V · ((1 − γ)·Φ⁻¹(1 − 1/N) + γ·Φ⁻¹(1 − 1/(N·e))): the Sharpe ratio the best of N independent trials
     * reaches by luck alone when their Sharpe ratios have variance V. 0 for a single trial; NaN when V is not
     * known (fewer than two trial Sharpe ratios).
     */
    public static double expectedMaxSharpe(long trials, double trialSharpeVariance) {
        if (trials < 1) throw new IllegalArgumentException("the number of trials must be at least 1, got " + trials);
        if (trials == 1) return 0.0;
        if (!(trialSharpeVariance >= 0)) return Double.NaN;
        double n = trials;
        return Math.sqrt(trialSharpeVariance) * ((1 - EULER_GAMMA) * Normal.inverseCdf(1 - 1 / n)
                + EULER_GAMMA * Normal.inverseCdf(1 - 1 / (n * Math.E)));
    }

    /** DSR = PSR(SR₀): the probabilistic Sharpe ratio against the expected maximum of the trials. */
    public static double deflated(double sharpe, long observations, double skewness, double kurtosis, long trials,
                                  double trialSharpeVariance) {
        return probabilistic(sharpe, expectedMaxSharpe(trials, trialSharpeVariance), observations, skewness, kurtosis);
    }
}
