package io.vprop.signal.select;

import io.vprop.signal.port.SimilarTradeOutcomes;
import io.vprop.signal.port.TradeOutcome;
import io.vprop.signal.alpha.AlphaId;
import io.vprop.signal.regime.Regime;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SelectionTest {

    @Test
    void posteriorUpdatesCountWinsAndLossesPerRegimeAndAlpha() {
        ThompsonSampler ts = new ThompsonSampler(Regime.COUNT, AlphaId.COUNT, 2, 3, 1);
        assertThat(ts.posteriorMean(0, 0)).isCloseTo(0.4, within(1e-12));
        ts.update(0, 0, true);
        ts.update(0, 0, true);
        ts.update(0, 0, false);
        assertThat(ts.posteriorA(0, 0)).isEqualTo(4);
        assertThat(ts.posteriorB(0, 0)).isEqualTo(4);
        assertThat(ts.posteriorMean(0, 0)).isEqualTo(0.5);
        assertThat(ts.posteriorMean(1, 0)).as("other regime untouched").isCloseTo(0.4, within(1e-12));
        assertThat(ts.observations(0, 0, 2, 3)).isEqualTo(3);
    }

    @Test
    void betaDrawsHaveTheRightMeanAndVariance() {
        Rng rng = new Rng(5);
        int n = 200_000;
        double a = 3, b = 7, sum = 0, sq = 0;
        for (int i = 0; i < n; i++) { double x = rng.nextBeta(a, b); sum += x; sq += x * x; }
        double mean = sum / n, var = sq / n - mean * mean;
        assertThat(mean).isCloseTo(0.3, within(0.003));
        assertThat(var).isCloseTo(a * b / ((a + b) * (a + b) * (a + b + 1)), within(0.001));
        double small = 0;
        for (int i = 0; i < n; i++) small += rng.nextBeta(0.5, 0.5);
        assertThat(small / n).isCloseTo(0.5, within(0.005));
    }

    /** Simulated 6-armed Bernoulli bandit: Thompson sampling's regret must be far below uniform choice's. */
    @Test
    void thompsonRegretIsBelowUniformChoiceOnASimulatedBandit() {
        double[] p = {0.35, 0.40, 0.45, 0.50, 0.38, 0.60};
        double best = 0.60;
        int rounds = 5000, seeds = 5;
        double tsRegret = 0, uniformRegret = 0;
        for (int seed = 0; seed < seeds; seed++) {
            ThompsonSampler ts = new ThompsonSampler(1, p.length, 1, 1, seed);
            Rng world = new Rng(1000 + seed);
            for (int t = 0; t < rounds; t++) {
                int arm = ts.choose(0);
                ts.update(0, arm, world.nextDouble() < p[arm]);
                tsRegret += best - p[arm];
                int u = (int) (world.nextDouble() * p.length);
                uniformRegret += best - p[u];
            }
        }
        tsRegret /= seeds;
        uniformRegret /= seeds;
        assertThat(uniformRegret).isCloseTo(rounds * (best - 0.4467), within(30.0));
        assertThat(tsRegret).isLessThan(uniformRegret * 0.25);
    }

    @Test
    void adaptiveWeightsRewardTheBetterSharpeRespectFloorsAndSumToOne() {
        AdaptiveWeights w = new AdaptiveWeights(6, 0.05, 0.01, 0.05, 0.1);
        for (int i = 0; i < 6; i++) assertThat(w.weight(i)).isCloseTo(1 / 6.0, within(1e-12));
        Rng rng = new Rng(3);
        for (int t = 0; t < 300; t++) {
            w.onOutcome(0, 0.5 + rng.nextGaussian() * 0.5);   // Sharpe ≈ 1
            w.onOutcome(1, -0.3 + rng.nextGaussian() * 0.5);  // Sharpe ≈ −0.6
        }
        assertThat(w.weight(0)).isGreaterThan(w.weight(1));
        double sum = 0;
        for (int i = 0; i < 6; i++) {
            sum += w.weight(i);
            assertThat(w.weight(i)).isGreaterThanOrEqualTo(0.05 - 1e-12);
        }
        assertThat(sum).isCloseTo(1.0, within(1e-9));
        assertThat(w.weight(1)).isCloseTo(0.05, within(0.01));
        assertThat(w.portfolioCorrelation(0)).isPositive();
        assertThatThrownBy(() -> new AdaptiveWeights(6, 0.05, 0.01, 0.2, 0.1)).hasMessageContaining("floor");
    }

    @Test
    void driftWinProbabilityIsGamblersRuinWithoutEdgeAndRisesWithEdge() {
        assertThat(DriftWinProbability.probability(0, 1.2, 0.8)).isCloseTo(0.4, within(1e-12));
        double p = DriftWinProbability.probability(0.15, 1.2, 0.8);
        // hand computation: (1 − e^{0.24}) / (e^{−0.36} − e^{0.24})
        assertThat(p).isCloseTo((1 - Math.exp(0.24)) / (Math.exp(-0.36) - Math.exp(0.24)), within(1e-12));
        assertThat(p).isBetween(0.46, 0.48);
        assertThat(DriftWinProbability.probability(-0.15, 1.2, 0.8)).isLessThan(0.4);
        assertThat(DriftWinProbability.probability(1e-12, 1.2, 0.8)).isCloseTo(0.4, within(1e-6));
        // Monte Carlo check of the formula with a discretised random walk
        Rng rng = new Rng(8);
        int wins = 0, n = 20_000;
        double dt = 0.002, mu = 0.15;
        for (int i = 0; i < n; i++) {
            double x = 0;
            while (x > -0.8 && x < 1.2) x += mu * dt + Math.sqrt(dt) * rng.nextGaussian();
            if (x >= 1.2) wins++;
        }
        assertThat((double) wins / n).isCloseTo(p, within(0.02));
    }

    @Test
    void qualityBlendsModelBanditAndSimilarTradesAndGrades() {
        QualityScorer q = new QualityScorer(20, 0.20, 0.10, 0.0);
        assertThat(q.blendedProbability(0.5, 0.4, 0, SimilarTradeOutcomes.Stats.NONE)).isEqualTo(0.5);
        // 20 × 0.5 + 20 × 0.3 + 10 × 0.8 over 50
        assertThat(q.blendedProbability(0.5, 0.3, 20, new SimilarTradeOutcomes.Stats(10, 0.8, 0.5)))
                .isCloseTo((10 + 6 + 8) / 50.0, within(1e-12));
        assertThat(QualityScorer.qStar(0.5, 1.5, 0.1)).isCloseTo(0.15, within(1e-12));
        assertThat(q.grade(0.25)).isEqualTo(Grade.A_PLUS);
        assertThat(q.grade(0.15)).isEqualTo(Grade.A);
        assertThat(q.grade(0.05)).isEqualTo(Grade.B);
        assertThat(q.grade(-0.01)).isEqualTo(Grade.C);
        assertThat(Grade.A_PLUS.label()).isEqualTo("A+");
    }

    @Test
    void recentOutcomeMemoryAnswersWithTheLastKOfTheSameAlphaAndRegime() {
        RecentOutcomeMemory m = new RecentOutcomeMemory(3);
        assertThat(m.similar("EURUSD", AlphaId.MOMENTUM, Regime.LOW_TREND, 1).n()).isZero();
        double[] rs = {1.5, -1, -1, 1.5};
        for (double r : rs) m.record(new TradeOutcome("EURUSD", AlphaId.MOMENTUM, Regime.LOW_TREND, r, r * 100, 0));
        m.record(new TradeOutcome("EURUSD", AlphaId.BREAKOUT, Regime.LOW_TREND, 5, 500, 0));
        SimilarTradeOutcomes.Stats s = m.similar("NZDUSD", AlphaId.MOMENTUM, Regime.LOW_TREND, -1);
        assertThat(s.n()).isEqualTo(3);
        assertThat(s.winRate()).isCloseTo(1 / 3.0, within(1e-12));
        assertThat(s.meanR()).isCloseTo(-0.5 / 3, within(1e-12));
    }
}
