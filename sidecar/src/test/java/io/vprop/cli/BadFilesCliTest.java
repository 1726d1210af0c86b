package io.vprop.cli;

import io.vprop.testing.ConsoleCapture;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code vprop replay} and {@code vprop backtest} on bad files (issue 18 item 7): a bad row stops with exit code 1
 * and one line naming file, line, column and reason, no stack trace and no summary; {@code --bad-rows skip} plays
 * the rest and counts the skipped rows by reason in the summary table and the JSON.
 */
class BadFilesCliTest {
    private static final String HEADER = "<DATE>\t<TIME>\t<BID>\t<ASK>\t<LAST>\t<VOLUME>\t<FLAGS>\n";

    @TempDir
    Path dir;

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    /** {@code n} ticks one second apart from 10:00 on a Friday; every {@code crossEvery}-th (0: none) has ask below bid. */
    private Path ticks(String name, int n, int crossEvery, String tail) throws IOException {
        StringBuilder b = new StringBuilder(HEADER);
        for (int i = 0; i < n; i++) {
            double bid = 1.08 + (i % 40) * 1e-5;
            double ask = crossEvery > 0 && i % crossEvery == crossEvery - 1 ? bid - 2e-5 : bid + 1e-5;
            b.append(String.format(Locale.ROOT, "2024.03.01\t%02d:%02d:%02d.000\t%.5f\t%.5f\t\t\t6\n", 10 + i / 3600, i / 60 % 60, i % 60, bid, ask));
        }
        Path p = dir.resolve(name);
        Files.writeString(p, b + tail, StandardCharsets.US_ASCII);
        return p;
    }

    /** The files are in UTC, as the test writes them. */
    private int replay(String... args) {
        String[] all = new String[args.length + 5];
        all[0] = "replay";
        all[1] = "--data-dir";
        all[2] = dir.resolve("state-" + System.nanoTime()).toString();
        all[3] = "--server-tz";
        all[4] = "UTC";
        System.arraycopy(args, 0, all, 5, args.length);
        return VpropCli.execute(all);
    }

    private void assertOneLineError(String expectedStart) {
        assertThat(console.err().lines().filter(l -> l.startsWith(expectedStart)).count()).as(console.err()).isEqualTo(1);
        assertThat(console.err()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(console.out()).doesNotContain("summary");
    }

    @Test
    void replayStopsAtACrossedQuoteMidFileWithOneLineAndExitCode1() throws IOException {
        Path p = ticks("EURUSD_mid.csv", 300, 0, "");
        String text = Files.readString(p).replace("2024.03.01\t10:02:00.000\t1.08000\t1.08001", "2024.03.01\t10:02:00.000\t1.08000\t1.07990");
        Files.writeString(p, text);
        assertThat(text).contains("1.07990");
        assertThat(replay("--data", p.toString())).isEqualTo(1);
        assertOneLineError("EURUSD_mid.csv line 122, column 4: crossed quote: <ASK> 1.0799 is below <BID> 1.08 (--bad-rows skip");
    }

    @Test
    void replayNamesANonNumberTimeBackwardsATruncatedLineAndHeaderOnlyAndEmptyFiles() throws IOException {
        Path nan = ticks("EURUSD_nan.csv", 50, 0, "2024.03.01\t10:00:50.000\tabc\t1.08010\t\t\t6\n");
        assertThat(replay("--data", nan.toString())).isEqualTo(1);
        assertOneLineError("EURUSD_nan.csv line 52, column 3: <BID> 'abc' is not a number");
        Path back = ticks("EURUSD_back.csv", 50, 0, "2024.03.01\t09:00:00.000\t1.08000\t1.08010\t\t\t6\n");
        assertThat(replay("--data", back.toString())).isEqualTo(1);
        assertOneLineError("EURUSD_back.csv line 52, column 2: time 2024.03.01 09:00:00.000 is before the previous row's");
        Path cut = ticks("EURUSD_cut.csv", 50, 0, "2024.03.01\t10:00:50.000\t1.08003\t1.0");
        assertThat(replay("--data", cut.toString())).isEqualTo(1);
        assertOneLineError("EURUSD_cut.csv line 52, column 4: truncated last line");
        assertThat(console.err()).doesNotContain("cut.csv line 52, column 4: crossed");
        Path headerOnly = ticks("EURUSD_header.csv", 0, 0, "");
        assertThat(replay("--data", headerOnly.toString())).isEqualTo(1);
        assertOneLineError("EURUSD_header.csv: has a header line but no data rows (header-only file)");
        Path empty = dir.resolve("EURUSD_empty.csv");
        Files.writeString(empty, "");
        assertThat(replay("--data", empty.toString())).isEqualTo(1);
        assertOneLineError("EURUSD_empty.csv: file is empty (no header line)");
    }

    @Test
    void replayWithBadRowsSkipPlaysTenPercentCrossedQuotesAndCountsThem() throws Exception {
        Path p = ticks("EURUSD_broker.csv", 1000, 10, "");
        assertThat(replay("--data", p.toString())).isEqualTo(1);
        assertThat(console.err()).contains("EURUSD_broker.csv line 11, column 4: crossed quote");
        console.reset();
        assertThat(replay("--data", p.toString(), "--bad-rows", "skip")).as(console.err()).isEqualTo(0);
        assertThat(console.out()).contains("replay summary");
        String table = console.out().substring(console.out().indexOf("replay summary"));
        assertThat(table).contains("900 rows of EURUSD_broker.csv, 100 skipped (10.0 %)")
                .contains("100 rows: crossed quote (ask below bid)").contains("900 ticks").doesNotContain("{").doesNotContain("=");
        assertThat(console.err()).contains("1,000/1,000 rows").doesNotContain("ETA -");
        console.reset();
        // by default the sidecar and its paper terminal are linked in process; the same replay over loopback ZeroMQ below
        assertThat(replay("--data", p.toString(), "--bad-rows", "skip", "--json")).isEqualTo(0);
        JsonNode inproc = new ObjectMapper().readTree(console.out());
        assertThat(inproc.get("zmq_endpoint").asText()).startsWith("inproc://vprop-replay-");
        assertThat(inproc.get("ticks").asLong()).isEqualTo(900);
        console.reset();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        assertThat(replay("--data", p.toString(), "--bad-rows", "skip", "--json", "--zmq", "tcp://127.0.0.1:" + port)).isEqualTo(0);
        JsonNode json = new ObjectMapper().readTree(console.out());
        assertThat(json.get("ticks").asLong()).isEqualTo(900);
        assertThat(json.get("rows").get(0).get("rows_skipped").asLong()).isEqualTo(100);
        assertThat(json.get("rows").get(0).get("skipped_by_reason").get("crossed").asLong()).isEqualTo(100);
        assertThat(json.get("zmq_endpoint").asText()).isEqualTo("tcp://127.0.0.1:" + port);
        for (String same : new String[]{"net_pnl_usd", "deals", "signals", "bars_sent"})
            assertThat(json.get(same)).as(same + ": in process and over ZeroMQ alike").isEqualTo(inproc.get(same));
    }

    @Test
    void backtestStopsOrSkipsAlike() throws Exception {
        Path p = ticks("EURUSD_broker.csv", 1000, 10, "");
        assertThat(VpropCli.execute("backtest", "--data", p.toString(), "--server-tz", "UTC")).isEqualTo(1);
        assertOneLineError("EURUSD_broker.csv line 11, column 4: crossed quote");
        assertThat(VpropCli.execute("backtest", "--data", p.toString(), "--server-tz", "UTC", "--bad-rows", "maybe")).isEqualTo(1);
        assertThat(console.err()).contains("--bad-rows must be stop or skip, got maybe");
        console.reset();
        assertThat(VpropCli.execute("backtest", "--data", p.toString(), "--server-tz", "UTC", "--bad-rows", "skip")).as(console.err()).isEqualTo(0);
        assertThat(console.out()).contains("backtest summary").contains("100 rows: crossed quote (ask below bid)");
        console.reset();
        assertThat(VpropCli.execute("backtest", "--data", p.toString(), "--server-tz", "UTC", "--bad-rows", "skip", "--json")).isEqualTo(0);
        JsonNode json = new ObjectMapper().readTree(console.out());
        assertThat(json.get("run").get("rows").get(0).get("skipped_by_reason").get("crossed").asLong()).isEqualTo(100);
        assertThat(json.get("run").get("bad_rows").asText()).isEqualTo("skip");
        Path headerOnly = ticks("EURUSD_header.csv", 0, 0, "");
        assertThat(VpropCli.execute("backtest", "--data", headerOnly.toString(), "--server-tz", "UTC")).isEqualTo(1);
        assertThat(console.err()).contains("EURUSD_header.csv: has a header line but no data rows");
    }
}
