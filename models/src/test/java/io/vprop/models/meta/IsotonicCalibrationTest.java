package io.vprop.models.meta;

import io.vprop.models.onnx.OnnxInspector;
import io.vprop.models.train.CalibratedTrees;
import io.vprop.models.registry.OnnxClassifier;
import io.vprop.models.train.TreeEnsemble;
import io.vprop.models.train.GradientBoostingTrainer;
import io.vprop.models.train.IsotonicCalibration;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class IsotonicCalibrationTest {
    @Test
    void pavPoolsViolatorsToKnownBlocksAndInterpolatesBetweenCentres() {
        // sorted margins 0..5 with labels 0 1 0 1 1 1: (1,0) violate → pooled to 0.5 at centre 1.5
        double[] m = {3, 0, 5, 1, 2, 4};
        int[] y = {1, 0, 1, 1, 0, 1};
        IsotonicCalibration iso = IsotonicCalibration.fit(m, y, 0);
        // blocks: {0}:0 → {1,2}:0.5 → {3,4,5}:1 (equal neighbours pooled); rates clipped to [1e-3, 1 - 1e-3]
        assertThat(iso.knots()).containsExactly(0f, 1.5f, 4f);
        assertThat(iso.values()[0]).isCloseTo(0.001f, within(1e-7f));
        assertThat(iso.values()[1]).isEqualTo(0.5f);
        assertThat(iso.values()[2]).isCloseTo(0.999f, within(1e-7f));
        assertThat(iso.apply(-10)).isCloseTo(0.001, within(1e-7));            // flat before the first centre
        assertThat(iso.apply(0.75)).isCloseTo((0.001 + 0.5) / 2, within(1e-6)); // linear in between
        assertThat(iso.apply(1.5)).isCloseTo(0.5, within(1e-6));
        assertThat(iso.apply(2.75)).isCloseTo((0.5 + 0.999) / 2, within(1e-6));
        assertThat(iso.apply(99)).isCloseTo(0.999, within(1e-6));              // flat after the last
    }

    @Test
    void outputIsMonotoneAndCloseKnotsArePooled() {
        Random r = new Random(7);
        int n = 2000;
        double[] m = new double[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            m[i] = r.nextGaussian();
            y[i] = r.nextDouble() < 1 / (1 + Math.exp(-2 * m[i])) ? 1 : 0;
        }
        IsotonicCalibration iso = IsotonicCalibration.fit(m, y, 0.05);
        for (int i = 1; i < iso.knots().length; i++) assertThat(iso.knots()[i] - iso.knots()[i - 1]).isGreaterThanOrEqualTo(0.05f - 1e-6f);
        double prev = -1;
        for (double x = -4; x <= 4; x += 0.01) {
            double p = iso.apply(x);
            assertThat(p).isGreaterThanOrEqualTo(prev - 1e-12).isBetween(0.0, 1.0);
            prev = p;
        }
        assertThat(iso.apply(-2)).isLessThan(0.2);
        assertThat(iso.apply(2)).isGreaterThan(0.8);
    }

    @Test
    void badInputIsRefusedByName() {
        assertThatThrownBy(() -> IsotonicCalibration.fit(new double[]{Double.NaN}, new int[]{1}, 0)).hasMessageContaining("margin 0");
        assertThatThrownBy(() -> IsotonicCalibration.fit(new double[]{1}, new int[]{2}, 0)).hasMessageContaining("label 0");
        assertThatThrownBy(() -> new IsotonicCalibration(new float[]{1, 0}, new float[]{0, 1})).hasMessageContaining("increase");
    }

    @Test
    void isotonicOnnxGraphMatchesJavaOnHeldOutRows() {
        Random r = new Random(11);
        int n = 3000, f = 4;
        float[][] x = new float[n][f];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < f; j++) x[i][j] = (float) r.nextGaussian();
            y[i] = r.nextDouble() < 1 / (1 + Math.exp(-(x[i][0] - 0.5 * x[i][1] * x[i][2]))) ? 1 : 0;
        }
        int fit = 2000, cal = 2500;
        TreeEnsemble raw = new GradientBoostingTrainer(new GradientBoostingTrainer.Params(40, 3, 0.1, 20, 1.0))
                .fit(Arrays.copyOf(x, fit), Arrays.copyOf(y, fit));
        double[] m = new double[cal - fit];
        for (int i = fit; i < cal; i++) m[i - fit] = raw.margin(x[i]);
        IsotonicCalibration iso = IsotonicCalibration.fit(m, Arrays.copyOfRange(y, fit, cal), IsotonicCalibration.DEFAULT_MIN_GAP);
        assertThat(iso.segments()).isGreaterThan(3);
        CalibratedTrees model = new CalibratedTrees(raw, iso);
        float[][] held = Arrays.copyOfRange(x, cal, n);
        byte[] bytes = model.export("iso", Map.of());
        // tensor ops only, within what MetaTrader 5's ONNX Runtime accepts
        assertThat(OnnxInspector.mql5Problems(bytes)).isEmpty();
        assertThat(OnnxInspector.inspect(bytes).operators())
                .contains("ai.onnx.ml.TreeEnsembleRegressor", "Sub", "Min", "Max", "MatMul", "Add").doesNotContain("Sigmoid");
        try (OnnxClassifier onnx = new OnnxClassifier(bytes, f, "isotonic test")) {
            float[] got = onnx.predictBatch(held);
            for (int i = 0; i < held.length; i++) {
                assertThat((double) got[i]).as("row %d", i).isCloseTo(model.probability(held[i]), within(1e-5));
                assertThat((double) onnx.predict(held[i])).isEqualTo((double) got[i]);
            }
            // exactly at a knot and beyond both ends
            for (float k : new float[]{iso.knots()[0] - 5, iso.knots()[1], iso.knots()[iso.knots().length - 1] + 5}) {
                assertThat(iso.apply(k)).isBetween(0.0, 1.0);
            }
        }
    }
}
