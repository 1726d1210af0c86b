package io.vprop.cli;

import io.vprop.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad CLI input fails with exit code 1 before any work (the messages name the bad value). */
class MetaCliTest {
    @TempDir
    Path root;

    @Test
    void badCalibrationOrMissingBarsAreRefused() {
        String bars = SharedData.file("bars/EURUSD_oanda_M1_2014-05-01_2014-05-15.bars.csv.gz").toString();
        assertThat(VpropCli.execute("models", "train-meta", "--dir", root.toString(), "--bars", bars,
                "--calibration", "sigmoidish")).isEqualTo(1);
        assertThat(VpropCli.execute("models", "train", "--dir", root.toString(), "--bars", bars,
                "--calibration", "sigmoidish")).isEqualTo(1);
        assertThat(VpropCli.execute("models", "train-meta", "--dir", root.toString(), "--bars",
                root.resolve("nope_M1.csv").toString())).isEqualTo(1);
        assertThat(root.resolve("meta")).satisfiesAnyOf(p -> assertThat(Files.exists(p)).isFalse(),
                p -> assertThat(p.toFile().list()).isEmpty());
    }
}
