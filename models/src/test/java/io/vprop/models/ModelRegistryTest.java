package io.vprop.models;

import io.vprop.models.data.TpSlDataset;
import io.vprop.models.data.TpSlFeatures;
import io.vprop.models.registry.ModelRejectedException;
import io.vprop.models.registry.OnnxClassifier;
import io.vprop.models.train.OnnxTreeExport;
import io.vprop.models.registry.ModelMetadata;
import io.vprop.models.registry.ModelRegistry;
import io.vprop.models.train.TreeEnsemble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Versioned models on disk: publish, verified activation, rollback, refusal of bad files — with real ONNX Runtime. */
class ModelRegistryTest {
    @TempDir
    Path root;

    private static final List<String> FEATURES = TpSlFeatures.NAMES;

    /** v1 = the trained model; v2 = the same trees with a different calibration, so outputs differ visibly. */
    private static TreeEnsemble v1() {
        return TrainedFixture.result().model();
    }

    private static TreeEnsemble v2() {
        return v1().scaled(0.5, 0.3);
    }

    private static int publish(ModelRegistry<OnnxClassifier> reg, TreeEnsemble m) {
        ModelMetadata base = TrainedFixture.result().metadata();
        float[][] px = base.parityInputs();
        float[] py = new float[px.length];
        for (int i = 0; i < px.length; i++) py[i] = (float) m.probability(px[i]);
        ModelMetadata meta = new ModelMetadata("tpsl", 0, base.kind(), base.features(), base.horizonBars(), base.tpSigma(),
                base.slSigma(), base.trainFromMs(), base.trainToMs(), base.createdAtMs(), null, base.holdout(),
                base.walkForward(), px, py);
        return reg.publish(OnnxTreeExport.export(m, "tpsl", Map.of()), meta);
    }

    private static float[] probe() {
        TpSlDataset d = TrainedFixture.data();
        return d.x()[d.size() - 1];
    }

    @Test
    void activateServesTheVersionAndRollbackRestoresThePreviousOutputsExactly() {
        try (ModelRegistry<OnnxClassifier> reg = ModelRegistry.classifiers(root, "tpsl", FEATURES)) {
            assertThat(reg.current()).isNull();
            int a = publish(reg, v1());
            int b = publish(reg, v2());
            assertThat(List.of(a, b)).containsExactly(1, 2);
            reg.activate(a);
            float[] x = probe();
            double p1 = reg.current().model().predict(x);
            reg.activate(b);
            double p2 = reg.current().model().predict(x);
            assertThat(reg.current().version()).isEqualTo(2);
            assertThat(p2).isNotEqualTo(p1);
            reg.rollback();
            assertThat(reg.current().version()).isEqualTo(1);
            assertThat((double) reg.current().model().predict(x)).isEqualTo(p1); // exactly, not approximately
            assertThat(reg.history()).containsExactly(1);
            assertThatThrownBy(reg::rollback).isInstanceOf(IllegalStateException.class).hasMessageContaining("no previous version");
            assertThat(reg.list()).extracting(ModelMetadata::version).containsExactly(1, 2);
            assertThat(reg.list().get(0).sha256()).hasSize(64);
        }
    }

    @Test
    void aReopenedRegistryServesTheLastActiveVersion() {
        double p;
        try (ModelRegistry<OnnxClassifier> reg = ModelRegistry.classifiers(root, "tpsl", FEATURES)) {
            reg.activate(publish(reg, v1()));
            reg.activate(publish(reg, v2()));
            p = reg.current().model().predict(probe());
        }
        try (ModelRegistry<OnnxClassifier> reg = ModelRegistry.classifiers(root, "tpsl", FEATURES)) {
            assertThat(reg.current().version()).isEqualTo(2);
            assertThat((double) reg.current().model().predict(probe())).isEqualTo(p);
        }
    }

    @Test
    void aCorruptedModelFileIsRefusedAndTheCurrentModelKeepsServing() throws Exception {
        try (ModelRegistry<OnnxClassifier> reg = ModelRegistry.classifiers(root, "tpsl", FEATURES)) {
            reg.activate(publish(reg, v1()));
            double before = reg.current().model().predict(probe());
            int bad = publish(reg, v2());
            Path file = root.resolve("tpsl").resolve("v0002").resolve("model.onnx");
            byte[] bytes = Files.readAllBytes(file);
            bytes[bytes.length / 2] ^= 0x5a;
            Files.write(file, bytes);
            assertThatThrownBy(() -> reg.activate(bad)).isInstanceOf(ModelRejectedException.class)
                    .hasMessageContaining("v2").hasMessageContaining("corrupted");
            assertThat(reg.current().version()).isEqualTo(1);
            assertThat((double) reg.current().model().predict(probe())).isEqualTo(before);
            assertThat(reg.history()).containsExactly(1);
        }
    }

    @Test
    void aFileThatIsNotOnnxButMatchesItsHashIsRefusedByOnnxRuntime() throws Exception {
        try (ModelRegistry<OnnxClassifier> reg = ModelRegistry.classifiers(root, "tpsl", FEATURES)) {
            reg.activate(publish(reg, v1()));
            ModelMetadata m = reg.list().get(0);
            int v = reg.publish("this is not a model".getBytes(), m);
            assertThatThrownBy(() -> reg.activate(v)).isInstanceOf(ModelRejectedException.class)
                    .hasMessageContaining("not a loadable ONNX model");
            assertThat(reg.current().version()).isEqualTo(1);
        }
    }

    @Test
    void aModelWhoseOutputsDisagreeWithItsParityRowsIsRefused() {
        try (ModelRegistry<OnnxClassifier> reg = ModelRegistry.classifiers(root, "tpsl", FEATURES)) {
            ModelMetadata m1 = TrainedFixture.result().metadata();
            // v2's ONNX file with v1's expected outputs: loads fine, but predicts something else
            int v = reg.publish(OnnxTreeExport.export(v2(), "tpsl", Map.of()), m1);
            assertThatThrownBy(() -> reg.activate(v)).isInstanceOf(ModelRejectedException.class)
                    .hasMessageContaining("parity check failed");
            assertThat(reg.current()).isNull();
        }
    }

    @Test
    void anIncompatibleFeatureSchemaIsRefused() {
        try (ModelRegistry<OnnxClassifier> reg = ModelRegistry.classifiers(root, "tpsl", FEATURES)) {
            publish(reg, v1());
        }
        try (ModelRegistry<OnnxClassifier> other = ModelRegistry.classifiers(root, "tpsl", List.of("a", "b"))) {
            assertThatThrownBy(() -> other.activate(1)).isInstanceOf(ModelRejectedException.class)
                    .hasMessageContaining("incompatible");
            assertThatThrownBy(() -> other.activate(7)).isInstanceOf(ModelRejectedException.class)
                    .hasMessageContaining("does not exist");
        }
    }

    @Test
    void swappingUnderLoadDropsNoPrediction() throws Exception {
        try (ModelRegistry<OnnxClassifier> reg = ModelRegistry.classifiers(root, "tpsl", FEATURES)) {
            int a = publish(reg, v1()), b = publish(reg, v2());
            reg.activate(a);
            float[] x = probe();
            double pa = v1().probability(x), pb = v2().probability(x);
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong calls = new AtomicLong(), wrong = new AtomicLong();
            AtomicReference<Throwable> error = new AtomicReference<>();
            Thread reader = new Thread(() -> {
                try {
                    while (!stop.get()) {
                        double p = reg.current().model().predict(x);
                        if (Math.abs(p - pa) > 1e-5 && Math.abs(p - pb) > 1e-5) wrong.incrementAndGet();
                        calls.incrementAndGet();
                    }
                } catch (Throwable t) {
                    error.set(t);
                }
            });
            reader.start();
            for (int i = 0; i < 6; i++) reg.activate(i % 2 == 0 ? b : a);
            stop.set(true);
            reader.join(10_000);
            assertThat(error.get()).isNull();
            assertThat(wrong.get()).isZero();
            assertThat(calls.get()).isPositive();
        }
    }
}
