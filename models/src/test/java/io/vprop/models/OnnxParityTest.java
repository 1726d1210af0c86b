package io.vprop.models;

import io.vprop.models.data.TpSlDataset;
import io.vprop.models.registry.ModelRejectedException;
import io.vprop.models.registry.OnnxClassifier;
import io.vprop.models.train.OnnxTreeExport;
import io.vprop.models.train.TreeEnsemble;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Java ensemble and its ONNX export, run by ONNX Runtime, agree on held-out real rows. */
class OnnxParityTest {

    @Test
    void onnxRuntimeMatchesJavaModelOnHeldOutRowsWithin1e5() {
        TreeEnsemble model = TrainedFixture.result().model();
        TpSlDataset d = TrainedFixture.data();
        byte[] onnx = OnnxTreeExport.export(model, "tpsl", Map.of("features", String.join(",", d.features())));
        try (OnnxClassifier c = new OnnxClassifier(onnx, d.features().size(), "test")) {
            int from = (int) (d.size() * 0.9);
            float[][] rows = new float[d.size() - from][];
            for (int i = from; i < d.size(); i++) rows[i - from] = d.x()[i];
            float[] batch = c.predictBatch(rows);
            double maxDiff = 0;
            double min = 1, max = 0;
            for (int i = 0; i < rows.length; i++) {
                double java = model.probability(rows[i]);
                maxDiff = Math.max(maxDiff, Math.abs(java - batch[i]));
                maxDiff = Math.max(maxDiff, Math.abs(java - c.predict(rows[i])));
                min = Math.min(min, java);
                max = Math.max(max, java);
            }
            assertThat(rows.length).isGreaterThan(500);
            assertThat(maxDiff).isLessThanOrEqualTo(1e-5);
            assertThat(max - min).as("the model must not be constant, or parity proves nothing").isGreaterThan(0.01);
        }
    }

    @Test
    void rawTreeEnsembleAlsoMatchesAtTheSplitThresholdsThemselves() {
        // inputs exactly equal to a threshold must go left (x <= t) in both implementations
        TreeEnsemble model = TrainedFixture.result().model();
        TreeEnsemble.Tree t0 = model.trees().get(0);
        float[] x = TrainedFixture.data().x()[0].clone();
        x[t0.feature()[0]] = t0.threshold()[0];
        byte[] onnx = OnnxTreeExport.export(model, "tpsl", Map.of());
        try (OnnxClassifier c = new OnnxClassifier(onnx, x.length, "test")) {
            assertThat((double) c.predict(x)).isCloseTo(model.probability(x), Offset.offset(1e-5));
        }
    }

    @Test
    void garbageBytesAreRefusedWithAClearError() {
        assertThatThrownBy(() -> new OnnxClassifier(new byte[]{1, 2, 3, 4, 5}, 9, "junk.onnx"))
                .isInstanceOf(ModelRejectedException.class).hasMessageContaining("junk.onnx");
    }

    @Test
    void wrongFeatureCountIsRefused() {
        byte[] onnx = OnnxTreeExport.export(TrainedFixture.result().model(), "tpsl", Map.of());
        assertThatThrownBy(() -> new OnnxClassifier(onnx, 7, "m.onnx"))
                .isInstanceOf(ModelRejectedException.class).hasMessageContaining("takes 9 features but 7");
    }
}
