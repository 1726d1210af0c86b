package io.vprop.models.drift;

import io.vprop.models.registry.ModelRejectedException;
import io.vprop.models.train.OnnxTreeExport;
import io.vprop.models.train.TreeEnsemble;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The autoencoder trains on real rows, sees shifted inputs, and its ONNX export matches the Java model. */
class AutoencoderTest {

    @Test
    void trainingLowersTheReconstructionErrorAndShiftedInputsScoreClearlyHigher() {
        DriftPipeline.Trained t = DriftFixture.trained();
        double[] loss = t.fit().lossPerEpoch();
        assertThat(loss[loss.length - 1]).as("loss per epoch " + Arrays.toString(loss)).isLessThan(0.6 * loss[0]);
        // held-out rows (never fitted) are reconstructed about as well as the training rows
        double held = mean(t.heldOutErrors());
        assertThat(held).isLessThan(0.8 * loss[0]);
        Autoencoder ae = t.model();
        float[][] later = DriftFixture.later().x();
        float[][] scaled = new float[later.length][];
        for (int i = 0; i < later.length; i++) {
            scaled[i] = later[i].clone();
            for (int j = 0; j < 5; j++) scaled[i][j] *= 2; // returns and the volatility ratio twice as large
        }
        double normal = mean(ae.errors(later)), shifted = mean(ae.errors(scaled));
        assertThat(shifted).as("error of ×2 inputs vs normal %s", normal).isGreaterThan(2 * normal);
    }

    @Test
    void trainingIsDeterministicForTheSameSeed() {
        float[][] rows = DriftFixture.training().slice(0, 2000).x();
        AutoencoderTrainer.Params p = new AutoencoderTrainer.Params(new int[]{6, 3, 6}, 3, 64, 0.005, 11L);
        Autoencoder a = new AutoencoderTrainer(p).fit(rows).model(), b = new AutoencoderTrainer(p).fit(rows).model();
        for (int l = 0; l < a.layers().size(); l++) {
            assertThat(a.layers().get(l).w()).containsExactly(b.layers().get(l).w());
            assertThat(a.layers().get(l).b()).containsExactly(b.layers().get(l).b());
        }
    }

    @Test
    void onnxRuntimeMatchesTheJavaModelWithin1e5OnHeldOutRealRows() {
        Autoencoder ae = DriftFixture.trained().model();
        byte[] onnx = OnnxAutoencoderExport.export(ae, "autoencoder", Map.of());
        float[][] rows = DriftFixture.later().x(); // rows the model never saw
        try (OnnxAutoencoder served = new OnnxAutoencoder(onnx, 9, "test")) {
            float[] flat = served.evaluateFlat(rows);
            float[] java = ae.flatOutputs(rows);
            assertThat(flat).hasSameSizeAs(java);
            double max = 0;
            for (int i = 0; i < flat.length; i++) max = Math.max(max, Math.abs(flat[i] - java[i]));
            float[] batch = served.errors(rows);
            for (int i = 0; i < rows.length; i += 7) {
                max = Math.max(max, Math.abs(served.error(rows[i]) - ae.error(rows[i])));
                max = Math.max(max, Math.abs(batch[i] - ae.error(rows[i])));
            }
            assertThat(rows.length).isGreaterThan(9000);
            assertThat(max).isLessThanOrEqualTo(1e-5);
        }
    }

    @Test
    void loaderRefusesGarbageWrongWidthAndAForeignModel() {
        byte[] onnx = OnnxAutoencoderExport.export(DriftFixture.trained().model(), "autoencoder", Map.of());
        assertThatThrownBy(() -> new OnnxAutoencoder(new byte[]{8, 7, 1, 2, 3}, 9, "junk.onnx"))
                .isInstanceOf(ModelRejectedException.class).hasMessageContaining("junk.onnx").hasMessageContaining("not a loadable");
        assertThatThrownBy(() -> new OnnxAutoencoder(onnx, 7, "ae.onnx"))
                .isInstanceOf(ModelRejectedException.class).hasMessageContaining("ae.onnx")
                .hasMessageContaining("'features' has width 9 but 7");
        byte[] truncated = Arrays.copyOf(onnx, onnx.length / 2);
        assertThatThrownBy(() -> new OnnxAutoencoder(truncated, 9, "cut.onnx"))
                .isInstanceOf(ModelRejectedException.class).hasMessageContaining("cut.onnx");
        // a TP/SL classifier file has the right input but not the autoencoder's outputs
        TreeEnsemble stump = new TreeEnsemble(0.1f, List.of(new TreeEnsemble.Tree(new int[]{0, -1, -1},
                new float[]{0f, 0f, 0f}, new int[]{1, 0, 0}, new int[]{2, 0, 0}, new float[]{0f, -0.5f, 0.5f})), 9);
        byte[] classifier = OnnxTreeExport.export(stump, "tpsl", Map.of());
        assertThatThrownBy(() -> new OnnxAutoencoder(classifier, 9, "tpsl.onnx"))
                .isInstanceOf(ModelRejectedException.class).hasMessageContaining("expected outputs 'reconstruction_error'");
    }

    private static double mean(float[] v) {
        double s = 0;
        for (float x : v) s += x;
        return s / v.length;
    }
}
