package io.vprop.models.seq;

import io.vprop.models.onnx.OnnxInspector;
import io.vprop.models.registry.ModelRejectedException;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The exported ONNX GRU (run by ONNX Runtime) against the Java forward pass on held-out real EURUSD windows. */
class SequenceOnnxParityTest {
    private static final double TOL = 1e-5;

    @Test
    void singleWindowAndBatchMatchTheJavaModelWithin1e5OnHeldOutRealWindows() {
        SequenceDataset d = SeqFixture.data();
        GruNetwork net = SeqFixture.result().model();
        int n = 1000, from = d.size() - n; // the newest windows: the final model's holdout
        double worst = 0;
        try (OnnxSequenceModel m = new OnnxSequenceModel(SeqFixture.onnx(net), SeqFixture.WINDOW, SequenceFeatures.WIDTH, "test")) {
            float[][] batch = new float[n][];
            for (int i = 0; i < n; i++) {
                float[] w = d.x()[from + i];
                batch[i] = w;
                GruNetwork.Output java = net.forward(w);
                OnnxSequenceModel.Prediction ort = m.predict(w);
                worst = Math.max(worst, Math.max(Math.abs(java.volatility() - ort.volatility()), Math.abs(java.direction() - ort.direction())));
                assertThat((double) ort.volatility()).as("volatility, window %d", i).isCloseTo(java.volatility(), Offset.offset(TOL));
                assertThat((double) ort.direction()).as("direction, window %d", i).isCloseTo(java.direction(), Offset.offset(TOL));
            }
            float[][] out = m.predictBatch(batch);
            for (int i = 0; i < n; i++) {
                GruNetwork.Output java = net.forward(batch[i]);
                assertThat((double) out[i][0]).isCloseTo(java.volatility(), Offset.offset(TOL));
                assertThat((double) out[i][1]).isCloseTo(java.direction(), Offset.offset(TOL));
            }
        }
        System.out.println("sequence parity: worst |ORT - Java| over " + n + " real windows = " + worst);
    }

    @Test
    void aSaturatedNetworkStillMatches() {
        // weights scaled up so gates sit near 0/1 and tanh near ±1: where approximations of σ/tanh differ most
        GruNetwork base = SeqFixture.result().model();
        double[] p = base.toFlat();
        for (int i = 0; i < p.length; i++) p[i] *= 4;
        GruNetwork net = GruNetwork.fromFlat(base.inputs(), base.hidden(), p);
        SequenceDataset d = SeqFixture.data();
        try (OnnxSequenceModel m = new OnnxSequenceModel(SeqFixture.onnx(net), SeqFixture.WINDOW, SequenceFeatures.WIDTH, "test")) {
            for (int i = d.size() - 200; i < d.size(); i++) {
                GruNetwork.Output java = net.forward(d.x()[i]);
                OnnxSequenceModel.Prediction ort = m.predict(d.x()[i]);
                assertThat((double) ort.volatility()).isCloseTo(java.volatility(), Offset.offset(TOL));
                assertThat((double) ort.direction()).isCloseTo(java.direction(), Offset.offset(TOL));
            }
        }
    }

    @Test
    void theExportedGraphUsesOnlyStandardOpsThatMetaTrader5CanRun() {
        byte[] onnx = SeqFixture.onnx(SeqFixture.result().model());
        OnnxInspector.Summary s = OnnxInspector.inspect(onnx);
        assertThat(s.operators()).contains("GRU", "Transpose", "Reshape", "MatMul", "Add", "Sigmoid");
        assertThat(s.opsets()).containsEntry("ai.onnx", 14L); // the inspector names the default domain
        assertThat(OnnxInspector.mql5Problems(onnx)).isEmpty();
    }

    @Test
    void wrongWindowLengthOrWidthIsRefusedAtLoadAndAtCall() {
        byte[] onnx = SeqFixture.onnx(SeqFixture.result().model());
        assertThatThrownBy(() -> new OnnxSequenceModel(onnx, 16, SequenceFeatures.WIDTH, "seq v9"))
                .isInstanceOf(ModelRejectedException.class)
                .hasMessageContaining("seq v9").hasMessageContaining("windows of 32 bars × 5 features").hasMessageContaining("16 × 5");
        assertThatThrownBy(() -> new OnnxSequenceModel(onnx, 32, 4, "seq v9"))
                .isInstanceOf(ModelRejectedException.class).hasMessageContaining("32 × 4");
        assertThatThrownBy(() -> new OnnxSequenceModel(new byte[]{1, 2, 3, 4}, 32, 5, "seq v9"))
                .isInstanceOf(ModelRejectedException.class).hasMessageContaining("seq v9 is not a loadable ONNX model");
        try (OnnxSequenceModel m = new OnnxSequenceModel(onnx, 32, 5, "t")) {
            assertThatThrownBy(() -> m.predict(new float[10])).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("expected a window of 32 × 5 = 160 floats, got 10");
        }
    }
}
