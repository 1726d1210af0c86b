package io.vprop.market.io;

import io.vprop.market.Tick;
import io.vprop.market.Timeframe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Whole files that are bad in one place (issue 18 item 7): the error names file, line, column and reason; a cut-off
 * last line is called truncated, not a crossed quote; header-only and empty files are named; lenient reading counts
 * skipped rows by reason and the lines it consumed.
 */
class BadFilesTest {
    private static final String HEADER = BadInputTest.TICK_HEADER;

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.US_ASCII);
        return p;
    }

    /** {@code n} good ticks, one per second from 10:00:00, bid 1.08000 + i points, spread 1 point. */
    private static String goodRows(int from, int n) {
        StringBuilder b = new StringBuilder();
        for (int i = from; i < from + n; i++)
            b.append(String.format("2024.03.01\t10:%02d:%02d.000\t%.5f\t%.5f\t\t\t6%n", i / 60, i % 60,
                    1.08 + i * 1e-5, 1.08 + (i + 1) * 1e-5).replace(',', '.').replace("\r", ""));
        return b.toString();
    }

    private MarketDataException strictError(Path p) {
        try (Mt5TickReader r = MarketFiles.openTicks(p, "EURUSD")) {
            while (r.next() != null) { }
        } catch (MarketDataException e) {
            return e;
        }
        throw new AssertionError("no error reading " + p);
    }

    @Test
    void aCrossedQuoteMidFileNamesLineColumnAndReason() throws IOException {
        Path p = write("EURUSD_mid.csv", HEADER + goodRows(0, 5) + "2024.03.01\t10:00:05.000\t1.08100\t1.08090\t\t\t6\n"
                + goodRows(6, 5));
        MarketDataException e = strictError(p);
        assertThat(e.getMessage()).isEqualTo("EURUSD_mid.csv line 7, column 4: crossed quote: <ASK> 1.0809 is below <BID> 1.081");
        assertThat(e.reason()).isEqualTo(BadRowReason.CROSSED);
        assertThat(e.line()).isEqualTo(7);
        assertThat(e.column()).isEqualTo(4);
    }

    @Test
    void aNonNumberAndTimeGoingBackwardsStopAtTheirLine() throws IOException {
        MarketDataException nan = strictError(write("A.csv", HEADER + goodRows(0, 3)
                + "2024.03.01\t10:00:03.000\t1.08x00\t1.08090\t\t\t6\n" + goodRows(4, 2)));
        assertThat(nan.getMessage()).isEqualTo("A.csv line 5, column 3: <BID> '1.08x00' is not a number");
        MarketDataException back = strictError(write("B.csv", HEADER + goodRows(0, 3)
                + "2024.03.01\t09:59:00.000\t1.08000\t1.08010\t\t\t6\n" + goodRows(4, 2)));
        assertThat(back.getMessage()).startsWith("B.csv line 5, column 2: time 2024.03.01 09:59:00.000 is before the previous row's");
        assertThat(back.reason()).isEqualTo(BadRowReason.TIME_BACKWARDS);
    }

    @Test
    void aCutOffLastLineIsTruncatedNotACrossedQuote() throws IOException {
        // the ask "1.08010" cut to "1.0" would read as ask below bid
        Path p = write("EURUSD_cut.csv", HEADER + goodRows(0, 3) + "2024.03.01\t10:00:03.000\t1.08003\t1.0");
        MarketDataException e = strictError(p);
        assertThat(e.reason()).isEqualTo(BadRowReason.TRUNCATED);
        assertThat(e.getMessage()).startsWith("EURUSD_cut.csv line 5, column 4: truncated last line").doesNotStartWith("crossed");
        // lenient: the three good rows, the cut line counted as truncated
        try (Mt5TickReader r = MarketFiles.openTicks(p, null, ZoneOffset.UTC, ParseMode.LENIENT)) {
            int n = 0;
            while (r.next() != null) n++;
            assertThat(n).isEqualTo(3);
            assertThat(r.badRows()).containsOnlyKeys(BadRowReason.TRUNCATED).containsEntry(BadRowReason.TRUNCATED, 1L);
            assertThat(r.linesRead()).isEqualTo(4);
        }
        // a good last line without a line break is not truncated
        Path ok = write("EURUSD_noeol.csv", HEADER + goodRows(0, 3).stripTrailing());
        try (Mt5TickReader r = MarketFiles.openTicks(ok, null)) {
            int n = 0;
            while (r.next() != null) n++;
            assertThat(n).isEqualTo(3);
        }
    }

    @Test
    void aCutOffGzipIsTruncated() throws IOException {
        Path full = dir.resolve("full.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(full))) {
            out.write((HEADER + goodRows(0, 2000)).getBytes(StandardCharsets.US_ASCII));
        }
        byte[] bytes = Files.readAllBytes(full);
        Path cut = dir.resolve("EURUSD_cut.csv.gz");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
        MarketDataException e = strictError(cut);
        assertThat(e.reason()).as(e.getMessage()).isEqualTo(BadRowReason.TRUNCATED);
        assertThat(e.getMessage()).contains("EURUSD_cut.csv.gz line ").contains("truncated");
    }

    @Test
    void headerOnlyAndEmptyFilesAreNamed() throws IOException {
        Path headerOnly = write("EURUSD_header.csv", HEADER);
        assertThat(strictError(headerOnly).getMessage()).isEqualTo("EURUSD_header.csv: has a header line but no data rows (header-only file)");
        Path bars = write("EURUSD_M1.csv", "timestamp,open,high,low,close\n\n");
        assertThatThrownBy(() -> BadInputTest.bars(MarketFiles.openBars(bars, null, Timeframe.M1)))
                .hasMessage("EURUSD_M1.csv: has a header line but no data rows (header-only file)");
        Path empty = write("EURUSD_empty.csv", "");
        assertThatThrownBy(() -> MarketFiles.openTicks(empty, null)).isInstanceOf(MarketDataException.class)
                .hasMessage("EURUSD_empty.csv: file is empty (no header line)");
    }

    @Test
    void aFileWhoseRowsAreAllSkippedSaysSo() throws IOException {
        Path p = write("EURUSD_allbad.csv", HEADER + "2024.03.01\t10:00:00.000\t1.08100\t1.08090\t\t\t6\n"
                + "2024.03.01\t10:00:01.000\tx\t1.08090\t\t\t6\n");
        try (Mt5TickReader r = MarketFiles.openTicks(p, null, ZoneOffset.UTC, ParseMode.LENIENT)) {
            assertThatThrownBy(r::next).isInstanceOf(MarketDataException.class).hasMessage("EURUSD_allbad.csv: no readable rows: "
                    + "all 2 were skipped (1 not a number, 1 crossed quote (ask below bid))");
        }
    }

    @Test
    void tenPercentCrossedQuotesAreSkippedAndCounted() throws IOException {
        StringBuilder b = new StringBuilder(HEADER);
        int crossed = 0;
        for (int i = 0; i < 1000; i++) {
            double bid = 1.08 + (i % 50) * 1e-5;
            boolean cross = i % 10 == 7;
            if (cross) crossed++;
            double ask = cross ? bid - 2e-5 : bid + 1e-5;
            b.append(String.format("2024.03.01\t%02d:%02d:%02d.000\t%.5f\t%.5f\t\t\t6\n", 10 + i / 3600, i / 60 % 60, i % 60, bid, ask)
                    .replace(',', '.'));
        }
        Path p = write("EURUSD_broker.csv", b.toString());
        assertThat(strictError(p).reason()).isEqualTo(BadRowReason.CROSSED);
        try (Mt5TickReader r = MarketFiles.openTicks(p, null, ZoneOffset.UTC, ParseMode.LENIENT)) {
            int n = 0;
            for (Tick t = r.next(); t != null; t = r.next()) {
                assertThat(t.ask()).isGreaterThanOrEqualTo(t.bid());
                n++;
            }
            assertThat(n).isEqualTo(1000 - crossed);
            assertThat(r.badRows()).containsOnlyKeys(BadRowReason.CROSSED).containsEntry(BadRowReason.CROSSED, (long) crossed);
            assertThat(r.linesRead()).isEqualTo(1000);
            assertThat(r.rowsRead()).isEqualTo(n);
        }
    }
}
