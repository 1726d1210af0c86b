package io.vprop.models.seq;

import io.vprop.market.Bar;
import io.vprop.market.Timeframe;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end on a synthetic bar series with planted structure, so the test fails if training is broken: one-bar
 * returns follow an AR(1) with φ = 0.6 (momentum → the sign of the next few bars is predictable from the last ones),
 * and σ switches between two regimes (so the recent bars say whether the coming σ will be above σ60).
 */
class SequenceLearnsSignalTest {
    static List<Bar> plantedBars(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Bar> bars = new ArrayList<>(n);
        double close = 1.3, r = 0, sigma = 1e-4;
        long t = 1_400_000_000_000L;
        for (int i = 0; i < n; i++) {
            if (rnd.nextDouble() < 0.01) sigma = sigma == 1e-4 ? 3e-4 : 1e-4;
            r = 0.6 * r + sigma * rnd.nextGaussian();
            double open = close;
            close = open * Math.exp(r);
            double wick = Math.abs(rnd.nextGaussian()) * sigma * open * 0.5;
            bars.add(new Bar("SYN", Timeframe.M1, t, open, Math.max(open, close) + wick, Math.min(open, close) - wick, close, 0, 0));
            t += 60_000L;
        }
        return bars;
    }

    @Test
    void learnsThePlantedDirectionAndVolatilitySignalOutOfSample() {
        SequenceDataset d = SequenceDataset.build(plantedBars(9000, 17), 16, 3);
        SequenceTraining.Result r = SequenceTraining.train("seq", d, new SequenceTraining.Config(1, 16 * 60_000L,
                new GruTrainer.Params(8, 3, 32, 1e-2, 1.0, 5.0, 1L), 16), 0L);
        SequenceTraining.Fold h = r.holdout();
        System.out.println("planted signal holdout: auc=" + h.direction().auc() + " brier=" + h.direction().brier()
                + " (base " + h.direction().baselineBrier() + ") vol rmse=" + h.volatility().rmse()
                + " naive0=" + h.volatility().rmseNaiveZero() + " naiveMean=" + h.volatility().rmseNaiveTrainMean()
                + " folds auc=" + r.folds().get(0).direction().auc());
        assertThat(h.direction().auc()).isGreaterThan(0.62);
        assertThat(r.folds().get(0).direction().auc()).isGreaterThan(0.62);
        assertThat(h.direction().brier()).isLessThan(h.direction().baselineBrier());
        assertThat(h.volatility().rmse()).isLessThan(h.volatility().rmseNaiveTrainMean());
        assertThat(h.volatility().correlation()).isGreaterThan(0.1);
    }

    @Test
    void windowsNeverCrossAGapAndTargetsLookOnlyForward() {
        List<Bar> bars = new ArrayList<>(plantedBars(400, 3));
        // a 2-day hole after bar 200: shift every later bar
        for (int i = 201; i < bars.size(); i++) {
            Bar b = bars.get(i);
            bars.set(i, new Bar(b.symbol(), b.timeframe(), b.openTimeMs() + 2 * 86_400_000L, b.open(), b.high(), b.low(), b.close(), 0, 0));
        }
        SequenceDataset d = SequenceDataset.build(bars, 16, 5);
        long holeStart = bars.get(200).openTimeMs() + 60_000L, holeEnd = bars.get(201).openTimeMs();
        for (int i = 0; i < d.size(); i++) {
            long windowStart = d.entryMs()[i] - 17 * 60_000L;
            boolean spans = windowStart < holeEnd && d.exitMs()[i] > holeStart;
            assertThat(spans).as("row %d spans the hole", i).isFalse();
            assertThat(d.exitMs()[i]).isEqualTo(d.entryMs()[i] + 5 * 60_000L);
        }
        assertThat(d.size()).isGreaterThan(250);
    }
}
