package io.vprop.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vprop.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code vprop walkforward} on two shared H4 pairs: files written, command line recorded, reruns resume. */
class WalkforwardCliTest {
    @TempDir
    Path out;

    @Test
    void writesTheReportAndResumesFromItsCheckpoint() throws Exception {
        String[] args = {"walkforward", "--data", SharedData.dir().resolve("bars/h4_d1").toString(),
                "--symbols", "EURUSD,USDCHF", "--from", "2016-01-01", "--to", "2019-01-01", "--train", "18m",
                "--test", "6m", "--grid", "fast=10,20,slow=60", "--threads", "2", "--out", out.toString()};
        assertThat(VpropCli.execute(args)).isZero();
        JsonNode json = new ObjectMapper().readTree(out.resolve("result.json").toFile());
        assertThat(json.get("command_line").asText()).startsWith("vprop walkforward --data ")
                .contains("--grid fast=10,20,slow=60");
        assertThat(json.get("runner").asText()).startsWith("TEST RUNNER");
        assertThat(json.get("folds")).hasSize(3);
        assertThat(json.get("trials").get("count").asInt()).isEqualTo(3 * 2 * 2);
        assertThat(json.get("run").get("computed_units").asInt()).isEqualTo(12 + 6);
        assertThat(Files.readString(out.resolve("report.html"))).contains("id=\"chart-equity\"");
        long lines = Files.readAllLines(out.resolve("checkpoint.jsonl")).size();
        assertThat(lines).isEqualTo(18);

        assertThat(VpropCli.execute(args)).isZero();
        JsonNode again = new ObjectMapper().readTree(out.resolve("result.json").toFile());
        assertThat(again.get("run").get("reused_units").asInt()).isEqualTo(18);
        assertThat(again.get("overall")).isEqualTo(json.get("overall"));
    }

    @Test
    void badInputFailsNamingIt() {
        String data = SharedData.dir().resolve("bars/h4_d1").toString();
        assertThat(VpropCli.execute("walkforward", "--data", data, "--symbols", "AUDNZD", "--out", out.toString()))
                .isEqualTo(1);
        assertThat(VpropCli.execute("walkforward", "--data", data, "--symbols", "EURUSD", "--grid", "fast=1..x",
                "--out", out.toString())).isEqualTo(1);
        assertThat(VpropCli.execute("walkforward", "--data", data, "--symbols", "EURUSD", "--mode", "sideways",
                "--out", out.toString())).isEqualTo(1);
        assertThat(out.resolve("result.json")).doesNotExist();
    }
}
