package io.vprop.cli;

import io.vprop.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code vprop models train-drift} and {@code vprop models drift} end to end on real M1 bars. */
class DriftCliTest {
    @TempDir
    Path root;

    @Test
    void cliTrainsServesAndReportsDrift() throws Exception {
        String dir = root.toString(), bars = SharedData.file(SharedData.EURUSD_M1).toString();
        Path trainReport = root.resolve("train.json"), driftReport = root.resolve("drift.json");
        assertThat(new CommandLine(new VpropCli()).execute("models", "drift", "--dir", dir, "--bars", bars))
                .as("no served version yet").isEqualTo(1);
        assertThat(new CommandLine(new VpropCli()).execute("models", "train-drift", "--dir", dir, "--bars", bars,
                "--to", "2014-05-09", "--epochs", "3", "--activate", "--report", trainReport.toString())).isZero();
        assertThat(new CommandLine(new VpropCli()).execute("models", "drift", "--dir", dir, "--bars", bars,
                "--from", "2014-05-12", "--window", "2880", "--report", driftReport.toString())).isZero();
        assertThat(Files.readString(trainReport)).contains("\"version\" : 1", "lossPerEpoch");
        String json = Files.readString(driftReport);
        assertThat(json).contains("\"wholePeriod\"", "\"lastWindow\"", "\"windows\"", "\"psi\"", "\"autoencoder\"",
                "2014-05-12");
    }
}
