package io.vprop.models.drift;

import io.vprop.models.registry.ModelRejectedException;
import io.vprop.models.registry.ModelMetadata;
import io.vprop.models.registry.ModelRegistry;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The autoencoder kind in the generic registry: verified activation, rollback, its reference (the CLI: DriftCliTest). */
class DriftRegistryTest {
    @TempDir
    Path root;

    @Test
    void activateAndRollbackServeTheRightVersionWithItsOwnReference() {
        DriftPipeline.Trained t1 = DriftFixture.trained();
        DriftRows small = DriftFixture.training().slice(0, 3000);
        DriftPipeline.Trained t2 = DriftPipeline.train(small,
                new AutoencoderTrainer.Params(new int[]{6, 3, 6}, 2, 64, 0.005, 3L), 1_700_000_000_000L);
        float[] x = DriftFixture.later().x()[10];
        try (ModelRegistry<OnnxAutoencoder> reg = DriftPipeline.registry(root)) {
            int v1 = reg.publish(OnnxAutoencoderExport.export(t1.model(), "autoencoder", Map.of()), t1.metadata());
            int v2 = reg.publish(OnnxAutoencoderExport.export(t2.model(), "autoencoder", Map.of()), t2.metadata());
            reg.activate(v1);
            float e1 = reg.current().model().error(x);
            reg.activate(v2);
            assertThat(reg.current().version()).isEqualTo(v2);
            assertThat((double) reg.current().model().error(x)).isCloseTo(t2.model().error(x), Offset.offset(1e-5));
            // the served version's metadata (read back from JSON) rebuilds its own reference
            DriftReference ref2 = DriftReference.fromMetadata(reg.current().metadata());
            assertThat(ref2.error().rows()).isEqualTo(300);
            assertThat(ref2.histograms().get(0).edges())
                    .containsExactly(DriftReference.fromMetadata(t2.metadata()).histograms().get(0).edges());
            reg.rollback();
            assertThat(reg.current().version()).isEqualTo(v1);
            assertThat(reg.current().model().error(x)).isEqualTo(e1);
            DriftMonitor m = DriftMonitor.fromMetadata(reg.current().metadata(), DriftMonitor.Config.defaults(),
                    reg.current().model()::errors);
            for (int i = 0; i < 500; i++) m.add(DriftFixture.training().x()[i * 7]);
            assertThat(m.report().error()).isNotNull();
        }
    }

    @Test
    void aVersionWhoseParityRowsDisagreeOrWhoseReferenceIsMissingIsRefused() {
        DriftPipeline.Trained t = DriftFixture.trained();
        ModelMetadata m = t.metadata();
        float[] wrong = m.parityExpected().clone();
        wrong[0] += 0.01f;
        ModelMetadata bad = new ModelMetadata(m.name(), 0, m.kind(), m.features(), 0, 0, 0, m.trainFromMs(), m.trainToMs(),
                m.createdAtMs(), null, null, m.walkForward(), m.parityInputs(), wrong, m.properties());
        try (ModelRegistry<OnnxAutoencoder> reg = DriftPipeline.registry(root)) {
            int v = reg.publish(OnnxAutoencoderExport.export(t.model(), "autoencoder", Map.of()), bad);
            assertThatThrownBy(() -> reg.activate(v)).isInstanceOf(ModelRejectedException.class)
                    .hasMessageContaining("parity check failed on output 0");
            assertThat(reg.current()).isNull();
        }
        ModelMetadata noRef = new ModelMetadata(m.name(), 4, m.kind(), m.features(), 0, 0, 0, m.trainFromMs(), m.trainToMs(),
                m.createdAtMs(), null, null, m.walkForward(), m.parityInputs(), m.parityExpected(), Map.of());
        assertThatThrownBy(() -> DriftReference.fromMetadata(noRef)).isInstanceOf(ModelRejectedException.class)
                .hasMessageContaining("autoencoder v4").hasMessageContaining("drift.reference");
    }
}
