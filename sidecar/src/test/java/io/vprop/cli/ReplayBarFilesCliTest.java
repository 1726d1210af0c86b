package io.vprop.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vprop.testing.ConsoleCapture;
import io.vprop.testing.RepoPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code vprop replay} of bar files: the backtester's bar path (four quotes a bar, the files' own bars sent as they
 * close), cut to --from/--to, with the demo strategy crossing on the files' timeframe (the terminal sends no M1 bars);
 * tick and bar files are not mixed.
 */
class ReplayBarFilesCliTest {
    private static final String H4 = "bars/h4_d1/EURUSD_snowguru_H4_2007-2023.bars.csv.gz";

    @TempDir
    Path dir;

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    @Test
    void barFilesPlayTheBarPathAndTheDemoTradesOnTheirTimeframe() throws Exception {
        Path h4 = RepoPaths.sharedFile(H4);
        assertThat(VpropCli.execute("replay", "--server-tz", "UTC", "--data", h4.toString(), "--from", "2021-01-01", "--to", "2021-03-01",
                "--data-dir", dir.resolve("state").toString(), "--json")).as(console.err()).isEqualTo(0);
        JsonNode s = new ObjectMapper().readTree(console.out());
        long bars = barsIn(h4, "2021.01", "2021.02");
        assertThat(bars).isEqualTo(249);
        assertThat(s.get("market").asText()).isEqualTo("H4 bars from EURUSD_snowguru_H4_2007-2023.bars.csv.gz (ohlc bar path)");
        assertThat(s.get("bars_sent").asLong()).as("the file's bars, as they close").isEqualTo(bars);
        assertThat(s.get("ticks").asLong()).as("four quotes a bar, more where a leg stops at a position's level")
                .isGreaterThanOrEqualTo(4 * bars);
        assertThat(s.get("strategy").asText()).isEqualTo("demo");
        assertThat(s.get("signals").asLong()).as("the demo crossed its EMAs on H4").isPositive();
        assertThat(console.err()).contains("replaying H4 bars from");
    }

    @Test
    void tickAndBarFilesAreNotMixed() {
        Path ticks = RepoPaths.sharedFile("ticks/EURUSD_oanda_2014-05-01_2014-05-15.ticks.csv.gz");
        assertThat(VpropCli.execute("replay", "--server-tz", "UTC", "--data", ticks.toString(), "--data", RepoPaths.sharedFile(H4).toString(),
                "--data-dir", dir.resolve("mixed").toString())).isEqualTo(1);
        assertThat(console.err()).contains("--data mixes tick and bar files (EURUSD_oanda_2014-05-01_2014-05-15.ticks.csv.gz and "
                + "EURUSD_snowguru_H4_2007-2023.bars.csv.gz): a replay plays one kind").doesNotContain("\tat ");
    }

    @Test
    void aBadRowInABarFileStopsWithOneLineOrIsSkipped() throws Exception {
        StringBuilder b = new StringBuilder("<DATE>\t<TIME>\t<OPEN>\t<HIGH>\t<LOW>\t<CLOSE>\t<TICKVOL>\t<VOL>\t<SPREAD>\n");
        for (int i = 0; i < 30; i++) {                      // H4 bars from Monday 2024-03-04 00:00; line 22 is bad
            double open = 1.08 + (i % 7) * 0.0004;
            String high = i == 20 ? "abc" : String.format(java.util.Locale.ROOT, "%.5f", open + 0.0012);
            b.append(String.format(java.util.Locale.ROOT, "2024.03.%02d\t%02d:00:00\t%.5f\t%s\t%.5f\t%.5f\t100\t0\t0\n",
                    4 + i / 6, i % 6 * 4, open, high, open - 0.0011, open + 0.0003));
        }
        Path file = dir.resolve("EURUSD_H4.csv");
        Files.writeString(file, b, StandardCharsets.US_ASCII);
        assertThat(VpropCli.execute("replay", "--server-tz", "UTC", "--data", file.toString(), "--data-dir", dir.resolve("stop").toString())).isEqualTo(1);
        assertThat(console.err().lines().filter(l -> l.startsWith("EURUSD_H4.csv line 22, column 4:")).count()).as(console.err()).isEqualTo(1);
        assertThat(console.err()).doesNotContain("\tat ");
        assertThat(console.out()).doesNotContain("summary");
        console.reset();
        assertThat(VpropCli.execute("replay", "--server-tz", "UTC", "--data", file.toString(), "--data-dir", dir.resolve("skip").toString(),
                "--bad-rows", "skip", "--json")).as(console.err()).isEqualTo(0);
        JsonNode s = new ObjectMapper().readTree(console.out());
        assertThat(s.get("rows").get(0).get("rows_skipped").asLong()).isEqualTo(1);
        assertThat(s.get("bars_sent").asLong()).isEqualTo(29);
        assertThat(console.err()).contains("30/30 rows");
    }

    /** Data rows whose date starts with one of {@code months} ("2021.01"), read on their own. */
    private static long barsIn(Path file, String... months) throws Exception {
        long n = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)),
                StandardCharsets.US_ASCII))) {
            String line;
            while ((line = r.readLine()) != null)
                for (String m : months) if (line.startsWith(m)) n++;
        }
        return n;
    }
}
