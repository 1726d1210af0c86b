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

    /**
     * The intraday engine on a tick file (read as M1 bars): M5/M15/H1 formed from M1 quotes, regime on M15; its
     * part merged with another into one artefact, byte-identical when the same command runs again; an edited part is
     * refused.
     */
    @Test
    void anIntradayFitOnTicksMergedWithAnotherPartByteIdenticallyAndAnEditedPartRefused() throws Exception {
        String ticks = SharedData.dir().resolve("ticks/EURUSD_histdata_2020-01-30_2020-01-31.ticks.csv.gz").toString();
        Path part = dir.resolve("ticks.json"), merged = dir.resolve("merged.json");
        assertThat(VpropCli.execute("edges", "fit", "--data", ticks, "--server-tz", "UTC", "--timeframe", "intraday",
                "--quotes", "M1", "--regime-timeframe", "M15", "--warmup", "0d", "--embargo-days", "0",
                "--variance", "pooled-floor", "--to", "2020-02-01", "--out", part.toString())).isZero();
        JsonNode a = new ObjectMapper().readTree(part.toFile());
        assertThat(a.get("parameters").get("timeframes").toString()).isEqualTo("[\"M5\",\"M15\",\"H1\"]");
        assertThat(a.get("parameters").get("quotes").asText()).isEqualTo("M1");
        assertThat(a.get("parameters").get("variance").asText()).isEqualTo("pooled-floor");
        assertThat(a.get("data_sha256").get("EURUSD_histdata_2020-01-30_2020-01-31.ticks.csv.gz").asText())
                .isEqualTo("387da9f05a72259456f89aae37dad6fed0d9a0b507e504c784d50a5f86921dc5");
        assertThat(a.get("cells").findValuesAsText("timeframe")).contains("M5").doesNotContain("M1", "H4");

        Path h4d1 = io.vprop.testing.RepoPaths.root().resolve("docs/research/edges-h4d1/edges-h4d1.json");
        String[] merge = {"edges", "merge", "--part", "h4d1=" + h4d1, "--part", "ticks=" + part, "--out", merged.toString()};
        assertThat(VpropCli.execute(merge)).isZero();
        byte[] first = Files.readAllBytes(merged);
        assertThat(VpropCli.execute(merge)).isZero();
        assertThat(Files.readAllBytes(merged)).isEqualTo(first);
        JsonNode m = new ObjectMapper().readTree(first);
        assertThat(m.get("parts").findValuesAsText("name")).containsExactly("h4d1", "ticks");
        assertThat(m.get("cells").findValuesAsText("timeframe")).contains("M5", "H4", "D1");

        Files.writeString(part, Files.readString(part).replaceFirst("\"shrunk_gross_r\" : (-?[0-9.E-]+)", "\"shrunk_gross_r\" : 0.5"));
        assertThat(VpropCli.execute(merge)).isNotZero();
        assertThat(Files.readAllBytes(merged)).isEqualTo(first);
    }
}
