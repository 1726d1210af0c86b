package io.vprop.market.io;

import java.nio.charset.Charset;
import io.vprop.market.Bar;
import io.vprop.market.BarSource;
import io.vprop.market.Tick;
import io.vprop.market.Timeframe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Hand-written files exercising every rejection rule, carry-forward of one-sided quotes and timestamp forms. */
class BadInputTest {
    static final String TICK_HEADER = "<DATE>\t<TIME>\t<BID>\t<ASK>\t<LAST>\t<VOLUME>\t<FLAGS>\n";

    @TempDir
    Path dir;

    Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.US_ASCII);
        return p;
    }

    Path writeGzip(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
            out.write(text.getBytes(StandardCharsets.US_ASCII));
        }
        return p;
    }

    static List<Tick> all(Mt5TickReader r) {
        List<Tick> out = new ArrayList<>();
        Tick t;
        while ((t = r.next()) != null) out.add(t);
        r.close();
        return out;
    }

    @Test
    void oneSidedRowsCarryThePreviousQuoteAndGzipIsDetectedByMagic() throws IOException {
        // named .csv although gzip: magic bytes decide
        Path p = writeGzip("EURUSD_test.csv", TICK_HEADER
                + "2024.03.01\t10:00:00.000\t1.08000\t1.08010\t\t\t6\n"
                + "2024.03.01\t10:00:00.250\t1.08002\t\t\t\t2\n"
                + "2024.03.01\t10:00:01.000\t\t1.08020\t\t\t4\r\n");
        List<Tick> ticks = all(MarketFiles.openTicks(p, null));
        assertThat(ticks).hasSize(3);
        assertThat(ticks.get(1).bid()).isEqualTo(1.08002);
        assertThat(ticks.get(1).ask()).isEqualTo(1.08010);
        assertThat(ticks.get(2).bid()).isEqualTo(1.08002);
        assertThat(ticks.get(2).ask()).isEqualTo(1.08020);
        assertThat(ticks.get(2).flags()).isEqualTo(4);
        assertThat(ticks.get(2).symbol()).isEqualTo("EURUSD");
        assertThat(Instant.ofEpochMilli(ticks.get(1).timeMs())).isEqualTo(Instant.parse("2024-03-01T10:00:00.250Z"));
    }

    @Test
    void utf16ExportsWithAByteOrderMarkAreRead() throws IOException {
        String text = TICK_HEADER + "2024.03.01\t10:00:00.000\t1.08000\t1.08010\t\t\t6\r\n"
                + "2024.03.01\t10:00:00.250\t1.08002\t\t\t\t2\r\n";
        for (String cs : new String[]{"UTF-16LE", "UTF-16BE"}) {
            byte[] bom = cs.endsWith("LE") ? new byte[]{(byte) 0xff, (byte) 0xfe} : new byte[]{(byte) 0xfe, (byte) 0xff};
            byte[] body = text.getBytes(Charset.forName(cs));
            Path p = dir.resolve("EURUSD_" + cs + ".csv.gz");
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
                out.write(bom);
                out.write(body);
            }
            List<Tick> ticks = all(MarketFiles.openTicks(p, null));
            assertThat(ticks).extracting(Tick::bid).as(cs).containsExactly(1.08000, 1.08002);
            assertThat(ticks.get(1).ask()).isEqualTo(1.08010);
        }
    }

    @Test
    void fileClockOffsetIsSubtracted() throws IOException {
        Path p = write("x.csv", TICK_HEADER + "2024.03.01\t02:00:00.000\t1.1\t1.2\t\t\t6\n");
        Tick t = all(MarketFiles.openTicks(p, "EURUSD", ZoneOffset.ofHours(2), ParseMode.STRICT)).get(0);
        assertThat(Instant.ofEpochMilli(t.timeMs())).isEqualTo(Instant.parse("2024-03-01T00:00:00Z"));
    }

    @Test
    void strictModeNamesFileLineAndColumn() throws IOException {
        Path p = write("EURUSD_bad.csv", TICK_HEADER
                + "2024.03.01\t10:00:00.000\t1.08000\t1.08010\t\t\t6\n"
                + "2024.03.01\t10:00:01.000\tabc\t1.08010\t\t\t2\n");
        assertThatThrownBy(() -> all(MarketFiles.openTicks(p, null)))
                .isInstanceOf(MarketDataException.class)
                .hasMessage("EURUSD_bad.csv line 3, column 3: <BID> 'abc' is not a number")
                .satisfies(e -> assertThat(((MarketDataException) e).reason()).isEqualTo(BadRowReason.NOT_A_NUMBER));
    }

    @Test
    void everyKindOfBadTickIsReportedWithItsLine() throws IOException {
        String ok = "2024.03.01\t10:00:00.000\t1.08000\t1.08010\t\t\t6\n";
        assertStrictError(ok + "2024.03.01\t10:00:01.000\tNaN\t1.08010\t\t\t2\n", "line 3, column 3: <BID> 'NaN' is not a number");
        assertStrictError(ok + "2024.03.01\t10:00:01.000\t-1.08\t1.08010\t\t\t2\n", "line 3, column 3: <BID> '-1.08' is not positive");
        assertStrictError(ok + "2024.03.01\t10:00:01.000\t1.08020\t1.08010\t\t\t2\n", "line 3, column 4: crossed quote: <ASK> 1.0801 is below <BID> 1.0802");
        assertStrictError(ok + "2024.03.01\t09:59:59.999\t1.08000\t1.08010\t\t\t0\n", "line 3, column 2: time 2024.03.01 09:59:59.999 is before the previous row's");
        assertStrictError(ok + "2024.13.01\t10:00:01.000\t1.08000\t1.08010\t\t\t0\n", "line 3, column 1: <DATE> '2024.13.01' is not a valid date");
        assertStrictError(ok + "2024.03.01\t10:00\n", "line 3, column 3: missing column <BID>");
        assertStrictError("2024.03.01\t10:00:00.000\t1.08000\t\t\t\t6\n", "line 2, column 4: first quote needs both <BID> and <ASK>");
        assertStrictError(ok + "2024.03.01\t10:00:01.000\t1.08000\t1.08010\t\t-5\t0\n", "line 3, column 6: <VOLUME> '-5' is negative");
    }

    private void assertStrictError(String rows, String expected) throws IOException {
        Path p = write("T.csv", TICK_HEADER + rows);
        assertThatThrownBy(() -> all(MarketFiles.openTicks(p, "EURUSD"))).isInstanceOf(MarketDataException.class)
                .hasMessageStartingWith("T.csv " + expected);
    }

    @Test
    void lenientModeSkipsAndCountsByReason() throws IOException {
        Path p = write("EURUSD.csv", TICK_HEADER
                + "2024.03.01\t10:00:00.000\t1.08000\t1.08010\t\t\t6\n"
                + "2024.03.01\t10:00:01.000\tabc\t1.08010\t\t\t2\n"
                + "2024.03.01\t10:00:02.000\t1.08030\t1.08010\t\t\t2\n"
                + "2024.03.01\t09:00:02.000\t1.08000\t1.08010\t\t\t0\n"
                + "2024.03.01\t10:00:03.000\t1.08001\t1.08011\t\t\t6\n"
                + "2024.03.01\t10:00:04.000\tnan\t1.08011\t\t\t6\n");
        Mt5TickReader r = MarketFiles.openTicks(p, null, ZoneOffset.UTC, ParseMode.LENIENT);
        List<Tick> ticks = all(r);
        assertThat(ticks).extracting(Tick::bid).containsExactly(1.08000, 1.08001);
        assertThat(r.badRows()).containsEntry(BadRowReason.NOT_A_NUMBER, 2L).containsEntry(BadRowReason.CROSSED, 1L)
                .containsEntry(BadRowReason.TIME_BACKWARDS, 1L).hasSize(3);
        assertThat(r.badRowCount()).isEqualTo(4);
        assertThat(r.rowsRead()).isEqualTo(2);
    }

    @Test
    void missingFileEmptyFileAndUnknownHeaderAreClearErrors() throws IOException {
        assertThatThrownBy(() -> MarketFiles.openTicks(dir.resolve("nope.csv"), "X"))
                .isInstanceOf(MarketDataException.class).hasMessageContaining("market file not found").hasMessageContaining("nope.csv");
        Path empty = write("empty.csv", "");
        assertThatThrownBy(() -> MarketFiles.detect(empty)).hasMessageContaining("empty.csv").hasMessageContaining("empty");
        Path odd = write("odd.csv", "time;price\n1;2\n");
        assertThatThrownBy(() -> MarketFiles.detect(odd)).hasMessageContaining("unrecognised header 'time;price'");
        Path bars = write("EURUSD_M1.csv", "<DATE>\t<TIME>\t<OPEN>\t<HIGH>\t<LOW>\t<CLOSE>\t<TICKVOL>\t<VOL>\t<SPREAD>\n");
        assertThatThrownBy(() -> MarketFiles.openTicks(bars, null)).hasMessageContaining("expected an MT5 tick file");
    }

    static List<Bar> bars(BarSource s) {
        List<Bar> out = new ArrayList<>();
        Bar b;
        while ((b = s.next()) != null) out.add(b);
        s.close();
        return out;
    }

    @Test
    void genericCsvAcceptsIsoWithAndWithoutOffsetAndEpochNumbers() throws IOException {
        Path p = write("gbpusd-m1-bid.csv", "timestamp,open,high,low,close,volume\n"
                + "2012-02-01 00:00:00+00:00,1.5,1.6,1.4,1.55,10\n"
                + "2012-02-01T00:01:00Z,1.5,1.6,1.4,1.55,10\n"
                + "2012-02-01 02:02:00+02:00,1.5,1.6,1.4,1.55,10\n"
                + "2012-02-01 00:03:00,1.5,1.6,1.4,1.55,10\n"
                + "1328054640,1.5,1.6,1.4,1.55,10\n"
                + "1328054700000,1.5,1.6,1.4,1.55,10\n"
                + "2012-02-01 00:06:00.500,1.5,1.6,1.4,1.55,10\n");
        List<Bar> b = bars(MarketFiles.openBars(p, null, Timeframe.M1));
        long base = Instant.parse("2012-02-01T00:00:00Z").toEpochMilli();
        assertThat(b).extracting(Bar::openTimeMs).containsExactly(base, base + 60_000, base + 120_000,
                base + 180_000, base + 240_000, base + 300_000, base + 360_500);
        assertThat(b.get(0).symbol()).isEqualTo("GBPUSD");
        assertThat(b.get(0).tickVolume()).isEqualTo(10);
    }

    @Test
    void timestampUtcHeaderAndFileClockForNaiveTimestamps() throws IOException {
        Path p = write("6E.csv", "timestamp_utc,open,high,low,close\n2024-01-01 23:01:00,1.1,1.2,1.0,1.15\n"
                + "2024-01-01 23:02:00+00:00,1.1,1.2,1.0,1.15\n");
        List<Bar> b = bars(MarketFiles.openBars(p, "6E", Timeframe.M1, ZoneOffset.ofHours(1), ParseMode.STRICT));
        assertThat(Instant.ofEpochMilli(b.get(0).openTimeMs())).isEqualTo(Instant.parse("2024-01-01T22:01:00Z"));
        assertThat(Instant.ofEpochMilli(b.get(1).openTimeMs())).isEqualTo(Instant.parse("2024-01-01T23:02:00Z"));
    }

    @Test
    void badBarsAreReported() throws IOException {
        String h = "<DATE>\t<TIME>\t<OPEN>\t<HIGH>\t<LOW>\t<CLOSE>\t<TICKVOL>\t<VOL>\t<SPREAD>\n";
        Path p = write("EURUSD_M1.csv", h + "2014.05.01\t00:00\t1.3\t1.31\t1.29\t1.30\t5\t0\t10\n"
                + "2014.05.01\t00:01\t1.3\t1.28\t1.29\t1.30\t5\t0\t10\n");
        assertThatThrownBy(() -> bars(MarketFiles.openBars(p, null, Timeframe.M1)))
                .hasMessageStartingWith("EURUSD_M1.csv line 3, column 5: inconsistent bar");
        Path q = write("EURUSD_M1b.csv", h + "2014.05.01\t00:01:00\t1.3\t1.31\t1.29\t1.30\t5\t0\t10\n"
                + "2014.05.01\t00:01:00\t1.3\t1.31\t1.29\t1.30\t5\t0\t10\n");
        assertThatThrownBy(() -> bars(MarketFiles.openBars(q, null, Timeframe.M1)))
                .hasMessageStartingWith("EURUSD_M1b.csv line 3, column 2: bar time 2014.05.01 00:01:00 is not after");
        Path c = write("x.csv", "timestamp,open,high,low,close\nyesterday,1,1,1,1\n");
        assertThatThrownBy(() -> bars(MarketFiles.openBars(c, "X", Timeframe.M1)))
                .hasMessage("x.csv line 2, column 1: timestamp 'yesterday' is not an ISO-8601 timestamp or epoch number");
    }

    @Test
    void symbolFromFileName() {
        assertThat(MarketFiles.symbolFromFileName(Path.of("/a/EURUSD_oanda_2014.ticks.csv.gz"))).isEqualTo("EURUSD");
        assertThat(MarketFiles.symbolFromFileName(Path.of("gbpusd-m1-bid-2012.csv"))).isEqualTo("GBPUSD");
        assertThatThrownBy(() -> MarketFiles.symbolFromFileName(Path.of("_x.csv"))).hasMessageContaining("pass one");
    }
}
