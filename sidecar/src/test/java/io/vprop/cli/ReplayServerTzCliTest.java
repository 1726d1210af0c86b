package io.vprop.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vprop.journal.JournalReader;
import io.vprop.market.Bar;
import io.vprop.testing.ConsoleCapture;
import io.vprop.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code vprop replay --server-tz} (issue 14 item 7): the files' clock as backtest's option reads it. An MT5 export
 * carries its broker's server time and says nothing about it, so a replay of one without the option is refused —
 * no silent UTC assumption — and with it every tick moves by the server's offset.
 */
class ReplayServerTzCliTest {
    private static final String TICKS = SharedData.file(SharedData.EURUSD_TICKS).toString();
    private static final long HOUR = 3_600_000L;

    @TempDir
    Path dir;

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    /**
     * 2014-05-06 is New York summer time (EDT, UTC−4), so a NY+7 server runs GMT+3: the rows the file stamps 07:00–07:10
     * happened at 04:00–04:10 UTC. Replayed with --server-tz NY+7 over 04:00–04:10 UTC they make the very bars (same
     * prices, same ticks) that --server-tz UTC makes over 07:00–07:10 UTC, each opening exactly three hours earlier.
     */
    @Test
    void newYorkCloseServerTimeShiftsEveryTickByTheServersOffset() throws Exception {
        JsonNode utc = replay("utc", "UTC", "2014-05-06T07:00", "2014-05-06T07:10");
        JsonNode ny = replay("ny", "NY+7", "2014-05-06T04:00", "2014-05-06T04:10");
        assertThat(utc.get("server_tz").asText()).isEqualTo("UTC");
        assertThat(ny.get("server_tz").asText()).startsWith("NY+7");
        assertThat(utc.get("ticks").asLong()).as("ticks the file stamps 07:00–07:10").isPositive();
        assertThat(ny.get("ticks").asLong()).as("the same rows, played three hours earlier").isEqualTo(utc.get("ticks").asLong());

        List<Bar> utcBars = m1Bars("utc", "2014-05-06T07:00:00Z");
        List<Bar> nyBars = m1Bars("ny", "2014-05-06T04:00:00Z");
        assertThat(utcBars).as("M1 bars of 07:00–07:10 journaled").hasSizeGreaterThanOrEqualTo(9);
        assertThat(utcBars.get(0).openTimeMs()).isEqualTo(Instant.parse("2014-05-06T07:00:00Z").toEpochMilli());
        assertThat(nyBars.get(0).openTimeMs()).as("server 07:00 = 04:00 UTC").isEqualTo(Instant.parse("2014-05-06T04:00:00Z").toEpochMilli());
        assertThat(nyBars).hasSameSizeAs(utcBars);
        for (int i = 0; i < utcBars.size(); i++) {
            Bar u = utcBars.get(i), n = nyBars.get(i);
            assertThat(u.openTimeMs() - n.openTimeMs()).as("bar " + i + " GMT+3").isEqualTo(3 * HOUR);
            assertThat(new double[]{n.open(), n.high(), n.low(), n.close()}).as("bar " + i + " prices")
                    .containsExactly(u.open(), u.high(), u.low(), u.close());
            assertThat(n.tickVolume()).isEqualTo(u.tickVolume());
        }
        // without the clock the same UTC window plays the file's own 04:00 rows: other prices
        List<Bar> filesOwn = m1Bars(replayDir("own", "UTC", "2014-05-06T04:00", "2014-05-06T04:10"), "2014-05-06T04:00:00Z");
        assertThat(filesOwn.get(0).open()).isNotEqualTo(nyBars.get(0).open());
    }

    @Test
    void aZoneLessFileWithoutServerTzIsRefusedNamingTheFileAndTheOption() {
        Path state = dir.resolve("refused");
        assertThat(VpropCli.execute("replay", "--data", TICKS, "--data-dir", state.toString())).isEqualTo(1);
        assertThat(console.err()).contains("--data EURUSD_oanda_2014-05-01_2014-05-15.ticks.csv.gz has times without a zone")
                .contains("say which clock with --server-tz — UTC for the files in shared/data").contains("NY+7")
                .doesNotContain("\tat ");
        assertThat(console.out()).doesNotContain("summary");
        assertThat(state.resolve("sidecar.db")).as("refused before the sidecar starts").doesNotExist();
    }

    @Test
    void aBadZoneIsNamed() {
        assertThat(VpropCli.execute("replay", "--data", TICKS, "--server-tz", "Mars/Olympus",
                "--data-dir", dir.resolve("bad").toString())).isEqualTo(1);
        assertThat(console.err()).contains("unknown server time zone 'Mars/Olympus'").contains("NY+7").doesNotContain("\tat ");
    }

    /** A file whose times carry their zone needs no --server-tz, as in backtest. */
    @Test
    void filesWhoseTimesCarryTheirZoneNeedNoServerTz() throws Exception {
        StringBuilder b = new StringBuilder("timestamp,open,high,low,close\n");
        for (int i = 0; i < 30; i++) {
            double open = 1.08 + (i % 5) * 0.0004;
            b.append(String.format(Locale.ROOT, "2024-03-%02dT%02d:00:00Z,%.5f,%.5f,%.5f,%.5f%n", 4 + i / 24, i % 24, open,
                    open + 0.0010, open - 0.0009, open + 0.0002));     // Monday 4 March 2024 from 00:00 UTC, H1
        }
        Path file = dir.resolve("EURUSD_H1.csv");
        Files.writeString(file, b, StandardCharsets.US_ASCII);
        assertThat(VpropCli.execute("replay", "--data", file.toString(), "--data-dir", dir.resolve("zoned").toString(),
                "--strategy", "none", "--json")).as(console.err()).isEqualTo(0);
        JsonNode s = new ObjectMapper().readTree(console.out());
        assertThat(s.get("server_tz").asText()).isEqualTo("UTC");
        assertThat(s.get("bars_sent").asLong()).isEqualTo(30);
    }

    private JsonNode replay(String name, String zone, String from, String to) throws Exception {
        replayDir(name, zone, from, to);
        return new ObjectMapper().readTree(dir.resolve(name + ".json").toFile());
    }

    private String replayDir(String name, String zone, String from, String to) {
        assertThat(VpropCli.execute("replay", "--data", TICKS, "--server-tz", zone, "--from", from, "--to", to,
                "--strategy", "none", "--data-dir", dir.resolve(name).toString(), "--out", dir.resolve(name + ".json").toString()))
                .as(console.err()).isEqualTo(0);
        return name;
    }

    /** The M1 bars the replay's sidecar journaled from {@code from} on (ten minutes' worth at most). */
    private List<Bar> m1Bars(String name, String from) {
        long f = Instant.parse(from).toEpochMilli();
        try (JournalReader r = JournalReader.open(dir.resolve(name).resolve("sidecar.db"))) {
            return r.bars("EURUSD", "M1", f, f + 10 * 60_000L, 100);
        }
    }
}
