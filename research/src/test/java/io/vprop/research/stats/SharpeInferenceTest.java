package io.vprop.research.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SharpeInferenceTest {

    /**
     * The numerical example of Bailey and López de Prado, "The Deflated Sharpe Ratio" (2014): 100 trials whose
     * annualised Sharpe ratios have variance 1/2, the best one 2.5 annualised over 1,250 daily returns with skewness
     * −3 and kurtosis 10; the paper finds SR₀ ≈ 0.1132 per day and DSR ≈ 0.9004.
     */
    @Test
    void deflatedSharpeReproducesThePublishedExample() {
        double yearDays = 250; // the paper annualises with 250
        double sr = 2.5 / Math.sqrt(yearDays);
        double variance = 0.5 / yearDays;
        assertThat(SharpeInference.expectedMaxSharpe(100, variance)).isCloseTo(0.1132, within(0.00005));
        assertThat(SharpeInference.deflated(sr, 1250, -3, 10, 100, variance)).isCloseTo(0.9004, within(0.00005));
    }

    /** PSR with the formula written out, Φ from Abramowitz and Stegun 7.1.26 (|error| < 1.5e-7): independent code. */
    @Test
    void probabilisticSharpeMatchesTheFormulaWrittenOut() {
        double sr = 0.08, bench = 0.02, skew = -0.7, kurt = 5.5;
        long t = 500;
        double z = (sr - bench) * Math.sqrt(t - 1) / Math.sqrt(1 - skew * sr + (kurt - 1) / 4 * sr * sr);
        assertThat(SharpeInference.probabilistic(sr, bench, t, skew, kurt)).isCloseTo(phiAs(z), within(3e-7));
        // a normal distribution (skew 0, kurtosis 3) and SR = SR*: exactly even odds
        assertThat(SharpeInference.probabilistic(0.1, 0.1, 300, 0, 3)).isEqualTo(0.5);
    }

    @Test
    void negativeSkewAndFatTailsLowerConfidenceInAPositiveSharpe() {
        double normal = SharpeInference.probabilistic(0.1, 0, 250, 0, 3);
        assertThat(SharpeInference.probabilistic(0.1, 0, 250, -2, 3)).isLessThan(normal);
        assertThat(SharpeInference.probabilistic(0.1, 0, 250, 0, 12)).isLessThan(normal);
        assertThat(SharpeInference.probabilistic(0.1, 0, 1000, 0, 3)).isGreaterThan(normal);
    }

    @Test
    void moreTrialsRaiseTheHurdleAndDeflateMore() {
        double v = 0.001, previousHurdle = 0, previousDsr = 1;
        for (long n : new long[]{2, 5, 10, 100, 1_000, 10_000, 100_000}) {
            double hurdle = SharpeInference.expectedMaxSharpe(n, v);
            double dsr = SharpeInference.deflated(0.12, 1000, -0.5, 4, n, v);
            assertThat(hurdle).isGreaterThan(previousHurdle);
            assertThat(dsr).isLessThan(previousDsr);
            previousHurdle = hurdle;
            previousDsr = dsr;
        }
        assertThat(SharpeInference.expectedMaxSharpe(1, v)).isZero();
        assertThat(SharpeInference.deflated(0.12, 1000, -0.5, 4, 1, Double.NaN))
                .isEqualTo(SharpeInference.probabilistic(0.12, 0, 1000, -0.5, 4));
        assertThat(SharpeInference.expectedMaxSharpe(10, Double.NaN)).isNaN();
    }

    @Test
    void trialsCountEveryConfigurationButMeasureVarianceOnFiniteSharpes() {
        Trials t = Trials.of(new double[]{0.1, Double.NaN, 0.3, 0.2}, 6);
        assertThat(t.count()).isEqualTo(10);
        assertThat(t.sharpesMeasured()).isEqualTo(3);
        assertThat(t.sharpeVariance()).isCloseTo(0.01, within(1e-15)); // (0.01 + 0 + 0.01) / 2
    }

    private static double phiAs(double z) {
        double x = Math.abs(z) / Math.sqrt(2);
        double t = 1 / (1 + 0.3275911 * x);
        double erf = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592)
                * t * Math.exp(-x * x);
        return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
    }
}
