package io.vprop.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vprop.models.seq.SequencePipeline;
import io.vprop.models.seq.SequenceTraining;
import io.vprop.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code vprop models train-seq} on the real EURUSD M1 file, tiny network: publishes, serves, reports. */
class SequenceCliTest {
    @TempDir
    Path root;

    @Test
    void trainSeqPublishesAVerifiedServedVersionAndWritesTheReport() throws Exception {
        Path report = root.resolve("report.json");
        int code = new CommandLine(new VpropCli()).execute("models", "train-seq", "--dir", root.resolve("reg").toString(),
                "--bars", SharedData.file(SharedData.EURUSD_M1).toString(), "--window", "16", "--horizon", "10",
                "--hidden", "4", "--epochs", "1", "--report", report.toString(), "--activate");
        assertThat(code).isZero();
        JsonNode r = new ObjectMapper().readTree(report.toFile());
        assertThat(r.get("version").asInt()).isEqualTo(1);
        assertThat(r.get("walkForward")).hasSize(4);
        assertThat(r.get("holdout").get("volatility").get("rmseNaiveZero").asDouble()).isPositive();
        try (var reg = SequencePipeline.registry(root.resolve("reg"))) {
            assertThat(reg.current().version()).isEqualTo(1);
            assertThat(reg.current().model().window()).isEqualTo(16);
            assertThat(reg.current().metadata().number(SequenceTraining.HORIZON, -1)).isEqualTo(10);
        }
    }
}
