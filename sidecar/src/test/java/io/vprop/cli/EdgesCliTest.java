package io.vprop.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vprop.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code vprop edges} and the engine's edges in {@code vprop walkforward}: record → fit writes a provenance-carrying
 * artefact, the walk-forward runs the engine on H4 + D1 with edges fitted per fold, and an artefact tested on its own
 * fit period is refused.
 */
class EdgesCliTest {
    static final String H4D1 = SharedData.dir().resolve("bars/h4_d1").toString();

    @TempDir
    Path dir;

    @Test
    void recordFitAndAWalkForwardWithEdgesFittedPerFold() throws Exception {
        Path candidates = dir.resolve("c.csv.gz"), edges = dir.resolve("edges.json"), wf = dir.resolve("wf");
        assertThat(VpropCli.execute("edges", "record", "--data", H4D1, "--server-tz", "UTC", "--symbols", "USDJPY",
                "--from", "2015-01-01", "--to", "2017-01-01", "--out", candidates.toString())).isZero();
        assertThat(VpropCli.execute("edges", "fit", "--data", H4D1, "--server-tz", "UTC", "--symbols", "USDJPY",
                "--candidates", candidates.toString(), "--to", "2016-07-01", "--out", edges.toString())).isZero();
        JsonNode a = new ObjectMapper().readTree(edges.toFile());
        assertThat(a.get("format").asText()).isEqualTo("vprop-edges-v1");
        assertThat(a.get("command_line").asText()).startsWith("vprop edges fit --data ").contains("--to 2016-07-01");
        assertThat(a.get("data_sha256").get("USDJPY_snowguru_D1_2007-2023.bars.csv.gz").asText()).hasSize(64);
        assertThat(a.get("parameters").get("fit_to_utc").asText()).isEqualTo("2016-07-01");
        assertThat(a.get("cells").size()).isPositive();

        assertThat(VpropCli.execute("walkforward", "--data", H4D1, "--server-tz", "UTC", "--symbols", "USDJPY",
                "--strategy", "engine", "--timeframe", "H4,D1", "--edges", "fold", "--candidates", candidates.toString(),
                "--from", "2015-01-01", "--to", "2017-01-01", "--train", "1y", "--test", "6m", "--out", wf.toString())).isZero();
        JsonNode r = new ObjectMapper().readTree(wf.resolve("result.json").toFile());
        assertThat(r.get("runner").asText()).contains("on H4+D1 bars").contains("edges fitted per fold");

        // the artefact fitted to 2016-07-01 may not be tested before that day: it would be in-sample
        assertThat(VpropCli.execute("walkforward", "--data", H4D1, "--server-tz", "UTC", "--symbols", "USDJPY",
                "--strategy", "engine", "--timeframe", "H4,D1", "--edges", edges.toString(),
                "--from", "2015-01-01", "--to", "2017-01-01", "--train", "1y", "--test", "6m", "--out", dir.resolve("x").toString())).isEqualTo(1);
        assertThat(Files.exists(dir.resolve("x").resolve("result.json"))).isFalse();
    }
}
