package io.vprop.cli;

import io.vprop.models.onnx.OnnxInspector;
import io.vprop.models.registry.ModelMetadata;
import java.nio.file.Files;
import io.vprop.models.registry.OnnxClassifier;
import io.vprop.models.TpSlPipeline;
import io.vprop.models.TrainedFixture;
import io.vprop.models.train.TreeEnsemble;
import io.vprop.models.data.TpSlFeatures;
import io.vprop.models.train.OnnxTreeExport;
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
            var meta2 = new ModelMetadata(meta.name(), 0, meta.kind(), meta.features(),
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

    @Test
    void exportForMetaTrader5WritesTheServedVersionAndRefusesACorruptedOne() throws Exception {
        try (ModelRegistry<OnnxClassifier> reg = ModelRegistry.classifiers(root, TpSlPipeline.MODEL_NAME, TpSlFeatures.NAMES)) {
            reg.activate(reg.publish(OnnxTreeExport.export(TrainedFixture.result().model(), "tpsl", Map.of()),
                    TrainedFixture.result().metadata()));
        }
        Path out = root.resolve("mt5/MQL5/Files/vprop_tpsl.onnx");
        String dir = root.toString();
        assertThat(new CommandLine(new VpropCli()).execute("models", "export-mql5", "--dir", dir, "--out", out.toString())).isZero();
        byte[] written = Files.readAllBytes(out);
        assertThat(written).isEqualTo(Files.readAllBytes(root.resolve("tpsl/v0001/model.onnx")));
        assertThat(OnnxInspector.mql5Problems(written)).isEmpty();
        assertThat(new CommandLine(new VpropCli()).execute("models", "export-mql5", "--dir", dir, "--name", "meta",
                "--out", out.toString())).as("no meta model served").isEqualTo(1);
        Path f = root.resolve("tpsl/v0001/model.onnx");
        byte[] b = Files.readAllBytes(f);
        b[100] ^= 1;
        Files.write(f, b);
        assertThat(new CommandLine(new VpropCli()).execute("models", "export-mql5", "--dir", dir, "--out",
                root.resolve("x.onnx").toString())).isEqualTo(1);
        assertThat(root.resolve("x.onnx")).doesNotExist();
    }
}
