package io.vprop.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vprop.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code vprop walkforward} on shared H4 pairs through the backtester: files written, command line recorded, reruns resume. */
class WalkforwardCliTest {
    static final String H4 = SharedData.dir().resolve("bars/h4_d1").toString();

    @TempDir
    Path out;

    static JsonNode json(Path dir) throws Exception {
        return new ObjectMapper().readTree(dir.resolve("result.json").toFile());
    }

    @Test
    void writesTheReportAndResumesFromItsCheckpoint() throws Exception {
        String[] args = {"walkforward", "--data", H4, "--server-tz", "UTC", "--symbols", "EURUSD,USDCHF", "--from",
                "2016-01-01", "--to", "2019-01-01", "--train", "18m", "--test", "6m", "--grid", "fast=10,20,slow=60",
                "--threads", "2", "--out", out.toString()};
        assertThat(VpropCli.execute(args)).isZero();
        JsonNode json = json(out);
        assertThat(json.get("command_line").asText()).startsWith("vprop walkforward --data ")
                .contains("--grid fast=10,20,slow=60");
        assertThat(json.get("runner").asText()).startsWith("the backtester").contains("SmaCrossStrategy");
        assertThat(json.get("folds")).hasSize(3);
        assertThat(json.get("trials").get("count").asInt()).isEqualTo(3 * 2 * 2);
        assertThat(json.get("run").get("computed_units").asInt()).isEqualTo(12 + 6);
        assertThat(json.get("overall").get("trades").asInt()).isPositive();
        assertThat(json.get("oos_counters").get("window.decisions.trade").asInt()).isEqualTo(json.get("overall").get("trades").asInt());
        assertThat(Files.readString(out.resolve("report.html"))).contains("id=\"chart-equity\"").contains("id=\"counters\"");
        long lines = Files.readAllLines(out.resolve("checkpoint.jsonl")).size();
        assertThat(lines).isEqualTo(18);

        assertThat(VpropCli.execute(args)).isZero();
        JsonNode again = json(out);
        assertThat(again.get("run").get("reused_units").asInt()).isEqualTo(18);
        assertThat(again.get("overall")).isEqualTo(json.get("overall"));
    }

    @Test
    void aSparkExecutorRebuildsTheSameRunnerFromTheCommandsArguments() {
        String relative = Path.of("").toAbsolutePath().relativize(Path.of(H4).toAbsolutePath()).toString();
        picocli.CommandLine cl = new picocli.CommandLine(new WalkforwardCommand());
        String calendar = Path.of("").toAbsolutePath().relativize(SharedData.file("calendar/high_impact_events_calendar.csv")
                .toAbsolutePath()).toString();
        cl.parseArgs("--data", relative, "--server-tz", "UTC", "--symbols", "EURUSD,USDCHF", "--grid", "fast=10,20,slow=60",
                "--calendar", calendar, "--profile", "ftmo-2step", "--spark-master", "spark://head:7077", "--out", "wf");
        java.util.List<String> words = SparkArgs.of(cl.getParseResult());
        assertThat(words).doesNotContain("--spark-master", "spark://head:7077")
                .contains(Path.of(H4).toAbsolutePath().normalize().toString(), Path.of("wf").toAbsolutePath().toString())
                .contains(Path.of(calendar).toAbsolutePath().normalize().toString());
        WalkforwardCommand driver = cl.getCommand();
        assertThat(new WalkforwardCommand.Recipe(words).create().fingerprint())
                .isEqualTo(driver.build().runner().fingerprint()).contains("news=");
    }

    @Test
    void sparkMasterWithoutTheResearchSparkModuleIsAnError() {
        // the sidecar's class path never has Spark: install/vprop adds research-spark for --spark-master only
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Class.forName("org.apache.spark.SparkContext"))
                .isInstanceOf(ClassNotFoundException.class);
        assertThat(VpropCli.execute("walkforward", "--data", H4, "--server-tz", "UTC", "--symbols", "EURUSD",
                "--from", "2016-01-01", "--to", "2018-01-01", "--train", "1y", "--test", "6m", "--grid", "fast=10,slow=60",
                "--spark-master", "local[2]", "--out", out.toString())).isNotZero();
        assertThat(out.resolve("result.json")).doesNotExist();
    }

    @Test
    void theSignalEngineRunsWithItsDefaultsAsOneTrial(@TempDir Path engineOut) throws Exception {
        assertThat(VpropCli.execute("walkforward", "--data", H4, "--server-tz", "UTC", "--symbols", "EURJPY",
                "--strategy", "engine", "--from", "2015-01-01", "--to", "2017-01-01", "--train", "1y", "--test", "6m",
                "--out", engineOut.toString())).isZero();
        JsonNode json = json(engineOut);
        assertThat(json.get("runner").asText()).contains("the signal engine (SignalEngineStrategy) on H4 bars");
        assertThat(json.get("spec").get("grid").asText()).isEqualTo("none");
        assertThat(json.get("trials").get("count").asInt()).as("2 folds x 1 symbol x 1 point").isEqualTo(2);
    }

    @Test
    void aUserClassTakesTheGridAsItsParameterMap() throws Exception {
        assertThat(VpropCli.execute("walkforward", "--data", H4, "--server-tz", "UTC", "--symbols", "GBPAUD",
                "--strategy", "io.vprop.research.strategies.SmaCrossStrategy", "--grid", "fast=10,slow=40,tp_r=2",
                "--from", "2016-01-01", "--to", "2018-01-01", "--train", "1y", "--test", "1y", "--out", out.toString())).isZero();
        JsonNode json = json(out);
        assertThat(json.get("runner").asText()).endsWith("strategy: io.vprop.research.strategies.SmaCrossStrategy");
        assertThat(json.get("folds").get(0).get("selections").get(0).get("params_key").asText()).isEqualTo("fast=10,slow=40,tp_r=2");
    }

    @Test
    void badInputFailsNamingIt() {
        assertThat(VpropCli.execute("walkforward", "--data", H4, "--server-tz", "UTC", "--symbols", "AUDNZD", "--out",
                out.toString())).isEqualTo(1);
        assertThat(VpropCli.execute("walkforward", "--data", H4, "--server-tz", "UTC", "--symbols", "EURUSD", "--grid",
                "fast=1..x", "--out", out.toString())).isEqualTo(1);
        assertThat(VpropCli.execute("walkforward", "--data", H4, "--server-tz", "UTC", "--symbols", "EURUSD", "--grid",
                "fast=10,slowest=50", "--out", out.toString())).isEqualTo(1);
        assertThat(VpropCli.execute("walkforward", "--data", H4, "--server-tz", "UTC", "--symbols", "EURUSD", "--mode",
                "sideways", "--out", out.toString())).isEqualTo(1);
        assertThat(VpropCli.execute("walkforward", "--data", H4, "--symbols", "EURUSD", "--out", out.toString()))
                .as("MT5 exports need --server-tz").isEqualTo(1);
        assertThat(VpropCli.execute("walkforward", "--data", H4, "--server-tz", "UTC", "--strategy", "com.example.Nope",
                "--out", out.toString())).isEqualTo(1);
        assertThat(VpropCli.execute("walkforward", "--data", H4, "--server-tz", "UTC", "--symbols", "EURUSD", "--calendar",
                out.resolve("no-calendar.csv").toString(), "--out", out.toString())).isEqualTo(1);
        assertThat(out.resolve("result.json")).doesNotExist();
    }
}
