package io.vprop.models;

import io.vprop.models.train.GradientBoostingTrainer;
import io.vprop.models.train.Metrics;
import io.vprop.models.train.PlattScaling;
import io.vprop.models.train.TreeEnsemble;
import io.vprop.models.train.WalkForward;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class TrainerAndMetricsTest {

    @Test
    void aucOfKnownRankings() {
        assertThat(Metrics.auc(new double[]{0.1, 0.2, 0.8, 0.9}, new int[]{0, 0, 1, 1})).isEqualTo(1.0);
        assertThat(Metrics.auc(new double[]{0.9, 0.8, 0.2, 0.1}, new int[]{0, 0, 1, 1})).isEqualTo(0.0);
        assertThat(Metrics.auc(new double[]{0.5, 0.5, 0.5, 0.5}, new int[]{0, 1, 0, 1})).isEqualTo(0.5);
        // one of four positive-negative pairs misordered
        assertThat(Metrics.auc(new double[]{0.1, 0.6, 0.5, 0.9}, new int[]{0, 0, 1, 1})).isEqualTo(0.75);
    }

    @Test
    void brierLogLossAndReliability() {
        double[] p = {0.25, 0.75};
        int[] y = {0, 1};
        assertThat(Metrics.brier(p, y)).isEqualTo(0.0625);
        assertThat(Metrics.logLoss(p, y)).isCloseTo(-Math.log(0.75), within(1e-12));
        List<Metrics.Bin> bins = Metrics.reliability(p, y, 4);
        assertThat(bins.get(1).count()).isEqualTo(1);
        assertThat(bins.get(3).observedRate()).isEqualTo(1.0);
        assertThatThrownBy(() -> Metrics.brier(new double[]{Double.NaN}, new int[]{1}))
                .hasMessageContaining("probability 0 is NaN");
    }

    /** XOR-like rows: P(y=1) = 0.8 when both features share a sign, else 0.2 — no single feature is informative. */
    private static void xor(Random r, float[][] x, int[] y) {
        for (int i = 0; i < y.length; i++) {
            x[i] = new float[]{(float) r.nextGaussian(), (float) r.nextGaussian()};
            y[i] = r.nextDouble() < (x[i][0] * x[i][1] > 0 ? 0.8 : 0.2) ? 1 : 0;
        }
    }

    @Test
    void boostingLearnsANonLinearRuleAndPlattCalibratesItOutOfSample() {
        Random r = new Random(7);
        float[][] xf = new float[4000][], xc = new float[2000][], xt = new float[4000][];
        int[] yf = new int[4000], yc = new int[2000], yt = new int[4000];
        xor(r, xf, yf);
        xor(r, xc, yc);
        xor(r, xt, yt);
        TreeEnsemble m = new GradientBoostingTrainer(new GradientBoostingTrainer.Params(50, 2, 0.2, 20, 1.0)).fit(xf, yf);
        double[] margins = new double[xc.length];
        for (int i = 0; i < xc.length; i++) margins[i] = m.margin(xc[i]);
        PlattScaling platt = PlattScaling.fit(margins, yc);
        TreeEnsemble cal = m.scaled(platt.a(), platt.b());
        assertThat((double) cal.margin(xt[0])).isCloseTo(platt.a() * m.margin(xt[0]) + platt.b(), within(1e-4));
        double[] p = new double[xt.length];
        for (int i = 0; i < xt.length; i++) p[i] = cal.probability(xt[i]);
        assertThat(Metrics.auc(p, yt)).isGreaterThan(0.7);
        double meanP = Arrays.stream(p).average().orElseThrow();
        double meanY = Arrays.stream(yt).average().orElseThrow();
        assertThat(meanP).as("calibration in the large").isCloseTo(meanY, within(0.03));
        double[] raw = new double[xt.length];
        for (int i = 0; i < xt.length; i++) raw[i] = m.probability(xt[i]);
        assertThat(Metrics.brier(p, yt)).isLessThanOrEqualTo(Metrics.brier(raw, yt) + 0.002);
        // the truth's Brier is 0.16, a constant 0.5 scores 0.25
        assertThat(Metrics.brier(p, yt)).isLessThan(0.2);
    }

    @Test
    void plattRecoversAKnownScaling() {
        Random r = new Random(11);
        int n = 20_000;
        double[] m = new double[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            m[i] = r.nextGaussian() * 1.5;
            y[i] = r.nextDouble() < TreeEnsemble.sigmoid(2 * m[i] - 0.5) ? 1 : 0;
        }
        PlattScaling p = PlattScaling.fit(m, y);
        assertThat(p.a()).isCloseTo(2.0, within(0.1));
        assertThat(p.b()).isCloseTo(-0.5, within(0.06));
    }

    @Test
    void trainerRejectsBadInputByName() {
        GradientBoostingTrainer t = new GradientBoostingTrainer(GradientBoostingTrainer.Params.defaults());
        assertThatThrownBy(() -> t.fit(new float[][]{{1}, {Float.NaN}}, new int[]{0, 1}))
                .hasMessageContaining("feature 0 of row 1 is NaN");
        assertThatThrownBy(() -> t.fit(new float[][]{{1}, {2}}, new int[]{1, 1})).hasMessageContaining("all 1");
        assertThatThrownBy(() -> new GradientBoostingTrainer.Params(0, 3, 0.1, 1, 1)).hasMessageContaining("trees");
    }

    @Test
    void walkForwardNeverTrainsOnALabelThatOverlapsTheTestBlockOrItsEmbargo() {
        int n = 1000;
        long[] entry = new long[n], exit = new long[n];
        Random r = new Random(3);
        for (int i = 0; i < n; i++) {
            entry[i] = i * 60_000L;
            exit[i] = entry[i] + (1 + r.nextInt(30)) * 60_000L;
        }
        long embargo = 10 * 60_000L;
        List<WalkForward.Split> splits = WalkForward.splits(entry, exit, 4, embargo);
        assertThat(splits).hasSize(4);
        int purgedTotal = 0;
        for (WalkForward.Split s : splits) {
            for (int i : s.train()) {
                assertThat(exit[i]).isLessThan(s.testStartMs() - embargo);
                assertThat(entry[i]).isLessThan(s.testStartMs());
            }
            for (int i : s.test()) assertThat(entry[i]).isGreaterThanOrEqualTo(s.testStartMs());
            purgedTotal += s.test()[0] - s.train().length;
        }
        assertThat(purgedTotal).as("rows near each test start are purged").isPositive();
        assertThat(splits.get(3).train().length).isGreaterThan(splits.get(0).train().length); // expanding window
    }
}
