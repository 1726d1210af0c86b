package io.vprop.models.seq;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Backpropagation through time against finite differences, and determinism of the trainer. */
class GruTrainerTest {
    private static final int F = 3, H = 4, STEPS = 6, ROWS = 5;

    private static float[][] windows(SplittableRandom rnd) {
        float[][] x = new float[ROWS][STEPS * F];
        for (float[] row : x) for (int i = 0; i < row.length; i++) row[i] = (float) (rnd.nextDouble() * 4 - 2);
        return x;
    }

    @Test
    void gradientMatchesCentralFiniteDifferencesForEveryParameter() {
        SplittableRandom rnd = new SplittableRandom(11);
        float[][] x = windows(rnd);
        float[] vol = {0.3f, -0.7f, 1.1f, 0f, -0.2f};
        int[] dir = {1, 0, 0, 1, 1};
        int[] order = {0, 1, 2, 3, 4};
        double[] theta = new double[GruNetwork.parameterCount(F, H)];
        for (int i = 0; i < theta.length; i++) theta[i] = rnd.nextDouble() * 1.6 - 0.8; // large enough to bend every gate
        double[] grad = new double[theta.length], scratch = new double[theta.length];
        GruTrainer.lossAndGradient(theta, F, H, x, vol, dir, order, 0, ROWS, 0.7, grad);
        double eps = 1e-6, worst = 0;
        for (int i = 0; i < theta.length; i++) {
            double keep = theta[i];
            theta[i] = keep + eps;
            double up = GruTrainer.lossAndGradient(theta, F, H, x, vol, dir, order, 0, ROWS, 0.7, scratch);
            theta[i] = keep - eps;
            double down = GruTrainer.lossAndGradient(theta, F, H, x, vol, dir, order, 0, ROWS, 0.7, scratch);
            theta[i] = keep;
            double numeric = (up - down) / (2 * eps);
            double rel = Math.abs(numeric - grad[i]) / Math.max(1e-4, Math.abs(numeric) + Math.abs(grad[i]));
            worst = Math.max(worst, rel);
            assertThat(rel).as("parameter %d: analytic %s vs numeric %s", i, grad[i], numeric).isLessThan(1e-5);
        }
        assertThat(worst).isLessThan(1e-5);
    }

    @Test
    void lossOfTheFlatParametersIsTheLossOfTheNetworkForward() {
        SplittableRandom rnd = new SplittableRandom(3);
        float[][] x = windows(rnd);
        double[] theta = GruTrainer.init(F, H, rnd, 0.1, -0.2);
        GruNetwork net = GruNetwork.fromFlat(F, H, theta);
        theta = net.toFlat(); // float-rounded, what the network holds
        float[] vol = new float[ROWS];
        int[] dir = new int[ROWS];
        double expected = 0;
        for (int i = 0; i < ROWS; i++) {
            GruNetwork.Output o = net.forward(x[i]);
            vol[i] = 0.5f;
            dir[i] = i % 2;
            double p = GruNetwork.sigmoid(o.directionLogit());
            expected += 0.5 * (o.volatility() - 0.5) * (o.volatility() - 0.5) - (dir[i] == 1 ? Math.log(p) : Math.log(1 - p));
        }
        double loss = GruTrainer.lossAndGradient(theta, F, H, x, vol, dir, new int[]{0, 1, 2, 3, 4}, 0, ROWS, 1.0,
                new double[theta.length]);
        assertThat(loss).isCloseTo(expected / ROWS, Offset.offset(1e-5));
    }

    @Test
    void sameSeedSameWeightsDifferentSeedDifferentWeights() {
        SplittableRandom rnd = new SplittableRandom(5);
        float[][] x = new float[200][];
        float[] vol = new float[200];
        int[] dir = new int[200];
        for (int i = 0; i < 200; i++) {
            x[i] = new float[STEPS * F];
            for (int j = 0; j < x[i].length; j++) x[i][j] = (float) rnd.nextGaussian();
            vol[i] = (float) rnd.nextGaussian();
            dir[i] = rnd.nextBoolean() ? 1 : 0;
        }
        GruTrainer.Params p = new GruTrainer.Params(H, 2, 16, 1e-2, 1.0, 5.0, 99L);
        double[] a = new GruTrainer(p).fit(x, vol, dir, F).toFlat();
        double[] b = new GruTrainer(p).fit(x, vol, dir, F).toFlat();
        double[] c = new GruTrainer(new GruTrainer.Params(H, 2, 16, 1e-2, 1.0, 5.0, 100L)).fit(x, vol, dir, F).toFlat();
        assertThat(a).containsExactly(b);
        assertThat(a).isNotEqualTo(c);
    }

    @Test
    void badInputsAreRefusedWithTheReason() {
        GruTrainer t = new GruTrainer(GruTrainer.Params.defaults());
        float[][] x = {new float[]{1, 2, 3}, new float[]{1, Float.NaN, 3}};
        assertThatThrownBy(() -> t.fit(x, new float[]{0, 0}, new int[]{0, 1}, 3)).hasMessageContaining("row 1 has a non-finite input");
        assertThatThrownBy(() -> t.fit(new float[][]{{1, 2, 3}}, new float[]{0}, new int[]{2}, 3)).hasMessageContaining("direction label 0 is 2");
        assertThatThrownBy(() -> new GruTrainer.Params(0, 1, 1, 1e-3, 1, 1, 1)).hasMessageContaining("hidden must be >= 1");
    }
}
