package io.vprop.models.seq;

import io.vprop.models.registry.ModelRejectedException;
import io.vprop.models.registry.ModelMetadata;
import io.vprop.models.registry.ModelRegistry;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The generic registry with the sequence kind: verified activation, exact rollback, refusal of bad versions. */
class SequenceRegistryTest {
    @TempDir
    Path root;

    /** Publishes {@code net} with parity rows recomputed by the Java model (as the trainer does). */
    private static int publish(ModelRegistry<OnnxSequenceModel> reg, GruNetwork net, int window) {
        ModelMetadata base = SeqFixture.result().metadata();
        float[][] px = base.parityInputs();
        float[] py = new float[2 * px.length];
        for (int i = 0; i < px.length; i++) {
            GruNetwork.Output o = net.forward(px[i]);
            py[2 * i] = o.volatility();
            py[2 * i + 1] = o.direction();
        }
        ModelMetadata meta = new ModelMetadata("seq", 0, base.kind(), base.features(), base.horizonBars(), 0, 0,
                base.trainFromMs(), base.trainToMs(), base.createdAtMs(), null, base.holdout(), base.walkForward(), px, py,
                base.properties());
        return reg.publish(OnnxSequenceExport.export(net, window, "seq", Map.of()), meta);
    }

    private static float[] probe() {
        SequenceDataset d = SeqFixture.data();
        return d.x()[d.size() - 1];
    }

    @Test
    void activateAndRollbackServeEachVersionsOwnOutputsExactly() {
        GruNetwork v1 = SeqFixture.result().model(), v2 = v1.withDirectionScaled(0.5, 0.3);
        try (ModelRegistry<OnnxSequenceModel> reg = SequencePipeline.registry(root)) {
            int a = publish(reg, v1, SeqFixture.WINDOW), b = publish(reg, v2, SeqFixture.WINDOW);
            OnnxSequenceModel.Prediction p1 = reg.activate(a).model().predict(probe());
            OnnxSequenceModel.Prediction p2 = reg.activate(b).model().predict(probe());
            assertThat(p2.direction()).isNotEqualTo(p1.direction());
            assertThat(p2.volatility()).isEqualTo(p1.volatility()); // only the direction head was recalibrated
            assertThat(reg.current().version()).isEqualTo(b);
            assertThat(reg.current().metadata().number(SequenceTraining.WINDOW, -1)).isEqualTo(SeqFixture.WINDOW);
            assertThat(reg.rollback().version()).isEqualTo(a);
            assertThat(reg.current().model().predict(probe())).isEqualTo(p1);
        }
        try (ModelRegistry<OnnxSequenceModel> reopened = SequencePipeline.registry(root)) {
            assertThat(reopened.history()).containsExactly(1);
            assertThat(reopened.current().model().predict(probe()).direction()).isEqualTo(
                    SeqFixture.result().model().forward(probe()).direction(), Offset.offset(1e-5f));
        }
    }

    @Test
    void corruptedFileIsRefusedAndTheCurrentModelKeepsServing() throws Exception {
        try (ModelRegistry<OnnxSequenceModel> reg = SequencePipeline.registry(root)) {
            int a = publish(reg, SeqFixture.result().model(), SeqFixture.WINDOW);
            int b = publish(reg, SeqFixture.result().model().withDirectionScaled(2, 0), SeqFixture.WINDOW);
            reg.activate(a);
            Path f = root.resolve("seq").resolve(String.format("v%04d", b)).resolve("model.onnx");
            byte[] bytes = Files.readAllBytes(f);
            bytes[bytes.length / 2] ^= 0x40;
            Files.write(f, bytes);
            assertThatThrownBy(() -> reg.activate(b)).isInstanceOf(ModelRejectedException.class)
                    .hasMessageContaining("seq v2").hasMessageContaining("corrupted");
            assertThat(reg.current().version()).isEqualTo(a);
        }
    }

    @Test
    void modelWhoseWindowDiffersFromItsMetadataIsRefusedWithTheShapes() {
        try (ModelRegistry<OnnxSequenceModel> reg = SequencePipeline.registry(root)) {
            // a network exported for 16-bar windows but stored with metadata that says 32
            int v = publish(reg, SeqFixture.result().model(), 16);
            assertThatThrownBy(() -> reg.activate(v)).isInstanceOf(ModelRejectedException.class)
                    .hasMessageContaining("seq v1").hasMessageContaining("16 bars × 5 features").hasMessageContaining("32 × 5");
            assertThat(reg.current()).isNull();
        }
    }

    @Test
    void parityMismatchAndMissingWindowPropertyAreRefused() {
        ModelMetadata base = SeqFixture.result().metadata();
        GruNetwork net = SeqFixture.result().model();
        try (ModelRegistry<OnnxSequenceModel> reg = SequencePipeline.registry(root)) {
            float[] wrong = base.parityExpected().clone();
            wrong[1] += 0.01f;
            int v = reg.publish(SeqFixture.onnx(net), new ModelMetadata("seq", 0, base.kind(), base.features(), 30, 0, 0,
                    0, 0, 0, null, base.holdout(), List.of(), base.parityInputs(), wrong, base.properties()));
            assertThatThrownBy(() -> reg.activate(v)).isInstanceOf(ModelRejectedException.class)
                    .hasMessageContaining("parity check failed on output 1");
            int w = reg.publish(SeqFixture.onnx(net), new ModelMetadata("seq", 0, base.kind(), base.features(), 30, 0, 0,
                    0, 0, 0, null, base.holdout(), List.of(), base.parityInputs(), base.parityExpected(), Map.of()));
            assertThatThrownBy(() -> reg.activate(w)).isInstanceOf(ModelRejectedException.class)
                    .hasMessageContaining("no valid 'window' property");
        }
    }
}
