package io.vprop.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vprop.journal.Journal;
import io.vprop.protocol.Payload;
import io.vprop.testing.RepoPaths;
import io.vprop.testing.SharedData;
import io.vprop.testing.ConsoleCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code vprop challenge}: the files it writes and what they hold, the JSON on stdout, a walk-forward's result.json and
 * a journal as inputs, and exit code 1 with a message naming the problem on bad input (nothing written).
 */
class ChallengeCliTest {
    static final Path HISTORY = RepoPaths.root().resolve("challenge/src/test/resources/history");
    static final String REPORT = HISTORY.resolve("ReportHistory-51234567.html").toString();
    private final ObjectMapper json = new ObjectMapper();
    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    @TempDir
    Path dir;

    @Test
    void anMt5ReportGivesResultJsonReportHtmlAndASummaryWithUnits() throws Exception {
        Path o = dir.resolve("lab");
        int code = VpropCli.execute("challenge", REPORT, "--server-tz", "Broker/US-DST", "--firm", "ftmo-2step,e8-one",
                "--paths", "500", "--risk-curve", "0.5..1.5:0.5", "--curve-paths", "200", "--seed", "3", "--threads", "2",
                "--out", o.toString());
        assertThat(code).as(console.err()).isZero();
        JsonNode r = json.readTree(o.resolve("result.json").toFile());
        assertThat(r.get("source").asText()).isEqualTo("ReportHistory-51234567.html (MT5 account history report, HTML)");
        assertThat(r.get("seed").asLong()).isEqualTo(3);
        assertThat(r.get("riskPctPerTrade").asDouble()).isEqualTo(1.0);
        assertThat(r.get("firms")).hasSize(2);
        assertThat(r.get("firms").get(0).get("firm").asText()).isEqualTo("ftmo-2step");
        assertThat(r.get("firms").get(0).get("riskCurve").get("points")).hasSize(3);
        assertThat(r.get("firms").get(1).get("methods")).hasSize(2);
        assertThat(Files.readString(o.resolve("report.html"))).contains("<h1>Challenge lab</h1>").contains("id=\"fail-1\"");
        assertThat(console.out()).contains("P(pass all), %").contains("95 % CI").contains("median days").contains("ftmo-2step")
                .contains("e8-one").contains("report: ").contains("% per trade");
        assertThat(console.err()).contains("challenge [").contains(" paths/s  ETA ");
        // the bar ends at the total that the JSON's paths add up to
        long total = 0;
        for (JsonNode f : r.get("firms")) {
            for (JsonNode m : f.get("methods")) total += m.get("paths").asLong();
            total += 3 * 200;
        }
        assertThat(console.err()).contains(String.format("%,d/%,d paths", total, total));
    }

    @Test
    void jsonGoesToStdoutAndTheSummaryToStderr() throws Exception {
        int code = VpropCli.execute("challenge", REPORT, "--server-tz", "Broker/US-DST", "--firm", "the5ers-high-stakes",
                "--paths", "300", "--risk-curve", "none", "--method", "bootstrap", "--json");
        assertThat(code).as(console.err()).isZero();
        JsonNode r = json.readTree(console.out());
        assertThat(r.get("firms").get(0).get("methods").get(0).get("method").asText()).isEqualTo("bootstrap");
        assertThat(r.get("firms").get(0).has("riskCurve")).isFalse();
        assertThat(console.err()).contains("P(pass all), %");
    }

    @Test
    void writesTheRiskDefaultFileTheSidecarReads() throws Exception {
        Path f = dir.resolve("risk/default.json");
        int code = VpropCli.execute("challenge", REPORT, "--server-tz", "Broker/US-DST", "--firm", "ftmo-2step,e8-one",
                "--paths", "100", "--method", "bootstrap", "--risk-curve", "0.5..1:0.5", "--curve-paths", "100",
                "--breach-bound", "10", "--threads", "1", "--write-risk-default", f.toString());
        assertThat(code).as(console.err()).isZero();
        io.vprop.challenge.risk.RiskDefaults d = io.vprop.challenge.risk.RiskDefaults.read(f);
        assertThat(d.firms()).extracting(io.vprop.challenge.risk.RiskChoice::firm).containsExactly("ftmo-2step", "e8-one");
        assertThat(d.commandLine()).startsWith("vprop challenge").contains("--write-risk-default");
        assertThat(d.inputSha256()).isEqualTo(io.vprop.challenge.risk.RiskDefaults.sha256(Files.readAllBytes(Path.of(REPORT))));
        for (io.vprop.challenge.risk.RiskChoice c : d.firms()) {
            assertThat(c.breachBound()).isEqualTo(0.10);
            assertThat(c.points()).extracting(io.vprop.challenge.risk.RiskChoice.Point::riskPct).containsExactly(0.5, 1.0);
        }
        assertThat(VpropCli.execute("challenge", REPORT, "--server-tz", "Broker/US-DST", "--risk-curve", "none",
                "--write-risk-default", f.toString())).isEqualTo(1);
        assertThat(console.err()).contains("--write-risk-default needs a risk curve");
    }

    @Test
    void aWalkForwardResultRunsWithoutAServerZone() throws Exception {
        Path wf = dir.resolve("wf");
        assertThat(VpropCli.execute("walkforward", "--data", SharedData.dir().resolve("bars/h4_d1").toString(), "--server-tz", "UTC",
                "--symbols", "EURUSD,USDJPY", "--from", "2014-01-01", "--to", "2018-01-01", "--train", "2y", "--test", "6m",
                "--grid", "fast=10,20,slow=60", "--threads", "2", "--out", wf.toString())).isZero();
        JsonNode result = json.readTree(wf.resolve("result.json").toFile());
        console.reset();
        int code = VpropCli.execute("challenge", wf.resolve("result.json").toString(), "--firm", "ftmo-2step",
                "--paths", "300", "--curve-paths", "100", "--json");
        assertThat(code).as(console.err()).isZero();
        JsonNode lab = json.readTree(console.out());
        assertThat(lab.get("trades").get("total").asInt()).isEqualTo(result.get("oos_trades").size()).isPositive();
        assertThat(lab.get("trades").get("withProxyRisk").asInt()).as("research trades state their risk").isZero();
        assertThat(lab.get("trades").get("withAssumedWorst").asInt()).as("and their worst excursion").isZero();
        assertThat(lab.get("source").asText()).contains("VProp walk-forward result: out-of-sample trades");
        assertThat(lab.get("currency").asText()).isEqualTo("USD");
    }

    @Test
    void aBacktestsJsonRunsAsWritten() throws Exception {
        Path bt = dir.resolve("bt.json");
        assertThat(VpropCli.execute("backtest", "--strategy", "demo", "--data",
                SharedData.dir().resolve("bars/h4_d1/EURUSD_snowguru_H4_2007-2023.bars.csv.gz").toString(), "--server-tz", "UTC",
                "--from", "2015-01-01", "--to", "2016-01-01", "--out", bt.toString())).as(console.err()).isZero();
        JsonNode result = json.readTree(bt.toFile());
        console.reset();
        int code = VpropCli.execute("challenge", bt.toString(), "--firm", "ftmo-2step", "--paths", "200", "--risk-curve",
                "none", "--json");
        assertThat(code).as(console.err()).isZero();
        JsonNode lab = json.readTree(console.out());
        assertThat(lab.get("trades").get("total").asInt()).isEqualTo(result.get("trades").size()).isPositive();
        assertThat(lab.get("source").asText()).isEqualTo("bt.json (VProp backtest result: every trade, in sample)");
    }

    @Test
    void theJournalsClosedTradesRun() throws Exception {
        Path db = dir.resolve("sidecar.db");
        try (Journal j = new Journal(db, false)) {
            long seq = 0;
            LocalDate d = LocalDate.of(2026, 1, 5);
            for (int i = 0; i < 40; i++, d = d.plusDays(d.getDayOfWeek().getValue() == 5 ? 3 : 1)) {
                long open = d.atTime(9, 0).toInstant(ZoneOffset.UTC).toEpochMilli();
                double profit = i % 3 == 0 ? -100 : 120;
                j.recordFill("T1", new Payload.Fill(2L * i, 2L * i, 1000 + i, "", "EURUSD", "buy", "in", 1.1, 1.0, -3.5, 0, 0,
                        open, "expert"), ++seq, 0);
                j.recordFill("T1", new Payload.Fill(2L * i + 1, 2L * i + 1, 1000 + i, "", "EURUSD", "sell", "out",
                        1.1 + profit / 100_000, 1.0, -3.5, 0, profit, open + 3_600_000, "tp"), ++seq, 0);
            }
        }
        assertThat(VpropCli.execute("challenge", "--journal", db.toString(), "--firm", "ftmo-2step", "--paths", "200",
                "--risk-curve", "none")).as("the journal holds no currency").isEqualTo(1);
        assertThat(console.err()).contains("--currency: required with --journal");
        int code = VpropCli.execute("challenge", "--journal", db.toString(), "--currency", "USD", "--firm", "ftmo-2step",
                "--paths", "200", "--risk-curve", "none", "--json");
        assertThat(code).as(console.err()).isZero();
        JsonNode lab = json.readTree(console.out());
        assertThat(lab.get("trades").get("total").asInt()).isEqualTo(40);
        assertThat(lab.get("source").asText()).isEqualTo("sidecar.db (live journal)");
        assertThat(lab.get("trades").get("withProxyRisk").asInt()).as("no signal, no stop").isEqualTo(40);
    }

    @Test
    void badInputEndsWithCode1AndAMessageNamingIt() throws Exception {
        Path o = dir.resolve("never");
        String[][] cases = {
                {"challenge", REPORT, "--out", o.toString()},
                {"challenge", REPORT, "--server-tz", "Mars/Olympus", "--out", o.toString()},
                {"challenge", REPORT, "--server-tz", "Broker/US-DST", "--firm", "ftmo-3step", "--out", o.toString()},
                {"challenge", REPORT, "--server-tz", "Broker/US-DST", "--risk-curve", "1..3", "--out", o.toString()},
                {"challenge", REPORT, "--server-tz", "Broker/US-DST", "--risk", "lots", "--out", o.toString()},
                {"challenge", REPORT, "--server-tz", "Broker/US-DST", "--method", "montecarlo", "--out", o.toString()},
                {"challenge", HISTORY.resolve("bad-number.html").toString(), "--server-tz", "Broker/US-DST", "--out", o.toString()},
                {"challenge", HISTORY.resolve("unknown.txt").toString(), "--out", o.toString()},
                {"challenge", dir.resolve("missing.html").toString(), "--out", o.toString()},
                {"challenge", "--out", o.toString()},
                {"challenge", REPORT, "--journal", REPORT, "--out", o.toString()},
        };
        String[] messages = {
                "--server-tz: required for ReportHistory-51234567.html (MT5 account history report, HTML)",
                "--server-tz Mars/Olympus: ",
                "--firm ftmo-3step: not a bundled firm (ftmo-2step, ftmo-1step,",
                "--risk-curve 1..3: expected FROM..TO:STEP in %",
                "--risk lots: a percentage (1 = 1 % of the balance) or 'recorded'",
                "--method montecarlo: historical, bootstrap or both",
                "bad-number.html line 222, column Volume: '0,1 0' is not a number",
                "unknown.txt: not a format the importer knows",
                "missing.html: no such file",
                "give a trade history FILE or --journal FILE",
                "give either FILE or --journal, not both",
        };
        for (int i = 0; i < cases.length; i++) {
            console.reset();
            assertThat(VpropCli.execute(cases[i])).as(String.join(" ", cases[i])).isEqualTo(1);
            assertThat(console.err()).as(String.join(" ", cases[i])).contains(messages[i]).doesNotContain("\tat io.vprop");
        }
        assertThat(o).doesNotExist();
        assertThat(VpropCli.execute("challenge", REPORT, "--paths", "many")).as("picocli's own check").isEqualTo(2);
    }
}
