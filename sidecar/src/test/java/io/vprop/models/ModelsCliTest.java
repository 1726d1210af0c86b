package io.vprop.models;

import io.vprop.cli.VpropCli;
import io.vprop.models.data.TpSlFeatures;
import io.vprop.models.onnx.OnnxTreeExport;
import io.vprop.models.registry.ModelRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code vprop models list|rollback} against a real registry directory. */
class ModelsCliTest {
    @TempDir
    Path root;

    @Test
    void rollbackFromTheCliServesThePreviousVersionOnReopen() {
        TreeEnsemble m = TrainedFixture.result().model();
        float[] x = TrainedFixture.data().x()[0];
        double p1;
        try (ModelRegistry<OnnxClassifier> reg = ModelRegistry.classifiers(root, TpSlPipeline.MODEL_NAME, TpSlFeatures.NAMES)) {
            reg.activate(reg.publish(OnnxTreeExport.export(m, "tpsl", Map.of()), TrainedFixture.result().metadata()));
            p1 = reg.current().model().predict(x);
            TreeEnsemble m2 = m.scaled(0.5, 0.3);
            var meta = TrainedFixture.result().metadata();
            float[] py = new float[meta.parityInputs().length];
            for (int i = 0; i < py.length; i++) py[i] = (float) m2.probability(meta.parityInputs()[i]);
            var meta2 = new io.vprop.models.registry.ModelMetadata(meta.name(), 0, meta.kind(), meta.features(),
                    meta.horizonBars(), meta.tpSigma(), meta.slSigma(), meta.trainFromMs(), meta.trainToMs(),
                    meta.createdAtMs(), null, meta.holdout(), meta.walkForward(), meta.parityInputs(), py);
            reg.activate(reg.publish(OnnxTreeExport.export(m2, "tpsl", Map.of()), meta2));
        }
        String dir = root.toString();
        assertThat(new CommandLine(new VpropCli()).execute("models", "list", "--dir", dir)).isZero();
        assertThat(new CommandLine(new VpropCli()).execute("models", "rollback", "--dir", dir)).isZero();
        try (ModelRegistry<OnnxClassifier> reg = ModelRegistry.classifiers(root, TpSlPipeline.MODEL_NAME, TpSlFeatures.NAMES)) {
            assertThat(reg.current().version()).isEqualTo(1);
            assertThat((double) reg.current().model().predict(x)).isEqualTo(p1);
        }
        assertThat(new CommandLine(new VpropCli()).execute("models", "rollback", "--dir", dir)).isEqualTo(1);
    }
}
