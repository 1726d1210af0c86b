package io.vprop.challenge.history;

import io.vprop.challenge.ClosedTrade;
import io.vprop.challenge.TradeHistory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;

import static io.vprop.challenge.history.Fixtures.path;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Encodings, numbers, times and spreadsheet cells as the importers read them. */
class ReadingDetailsTest {
    private static final ImportOptions NY_CLOSE = ImportOptions.newYorkClose();

    @Test
    void theReportReadsTheSameInUtf16BigEndianAndUtf8WithOrWithoutAMark(@TempDir Path dir) throws IOException {
        String html = Files.readString(path("ReportHistory-51234567.html"), StandardCharsets.UTF_16);
        List<ClosedTrade> expected = HistoryImport.read(path("ReportHistory-51234567.html"), NY_CLOSE).trades();
        byte[] utf8 = html.getBytes(StandardCharsets.UTF_8);
        byte[] utf8Bom = concat(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8);
        byte[] utf16be = concat(new byte[]{(byte) 0xFE, (byte) 0xFF}, html.getBytes(StandardCharsets.UTF_16BE));
        byte[] utf16leNoBom = html.getBytes(StandardCharsets.UTF_16LE);

        for (byte[] bytes : List.of(utf8, utf8Bom, utf16be, utf16leNoBom)) {
            Path file = dir.resolve("ReportHistory-51234567.html");
            Files.write(file, bytes);
            TradeHistory h = HistoryImport.read(file, NY_CLOSE);
            assertThat(h.trades()).isEqualTo(expected);
        }
    }

    @Test
    void anOddByteAtTheEndOfUtf16IsATruncatedFile(@TempDir Path dir) throws IOException {
        byte[] whole = Files.readAllBytes(path("ReportHistory-51234567.html"));
        Path file = dir.resolve("odd.html");
        Files.write(file, Arrays.copyOf(whole, whole.length - 1));

        assertThatThrownBy(() -> HistoryImport.read(file, NY_CLOSE))
                .hasMessageStartingWith("odd.html: not valid UTF-16LE text (a truncated or binary file?)");
    }

    @Test
    void numbersTakeMt5sThousandsSpacesButNothingLooser() {
        GridRow row = new GridRow("t.csv line 2", List.of("100 000.00", "-1 234.5", "1e-3", "0,1 0", "1 00", "12."));

        assertThat(Cells.number(row, 0, "A")).isEqualTo(100_000.00);
        assertThat(Cells.number(row, 1, "B")).isEqualTo(-1_234.5);
        assertThat(Cells.number(row, 2, "C")).isEqualTo(0.001);
        assertThatThrownBy(() -> Cells.number(row, 3, "D")).hasMessage("t.csv line 2, column D: '0,1 0' is not a number");
        assertThatThrownBy(() -> Cells.number(row, 4, "E")).hasMessage("t.csv line 2, column E: '1 00' is not a number");
        assertThat(Cells.number(row, 5, "F")).isEqualTo(12.0);
        assertThatThrownBy(() -> Cells.number(row, 9, "G")).hasMessage("t.csv line 2, column G: empty, expected a number");
    }

    @Test
    void timesInMt5IsoAndExcelFormsAndWithAnExplicitOffset() {
        ImportOptions utc = new ImportOptions("UTC");
        GridRow row = new GridRow("t.csv line 2", List.of("2024.03.08 14:30:00", "2024-03-08T14:30:00.250",
                "2024.03.08 14:30", "2024-03-08T16:30:00+02:00", "45359.6041666667", "2024-03-08T14:30:00Z"));
        long expected = Fixtures.utc("2024-03-08T14:30:00Z");

        assertThat(Cells.time(row, 0, "Time", utc)).isEqualTo(expected);
        assertThat(Cells.time(row, 1, "Time", utc)).isEqualTo(expected + 250);
        assertThat(Cells.time(row, 2, "Time", utc)).isEqualTo(expected);
        assertThat(Cells.time(row, 3, "Time", NY_CLOSE)).isEqualTo(expected); // the written offset wins
        assertThat(Cells.time(row, 4, "Time", utc)).isEqualTo(expected);
        assertThat(Cells.time(row, 5, "Time", NY_CLOSE)).isEqualTo(expected);
    }

    @Test
    void theAutumnHourThatHappensTwiceTakesTheEarlierInstant() {
        // Europe/Prague went from CEST to CET at 03:00 on 27 October 2024: 02:30 happened at 00:30 and 01:30 UTC.
        GridRow row = new GridRow("t.csv line 2", List.of("2024.10.27 02:30:00"));
        assertThat(Cells.time(row, 0, "Time", new ImportOptions("Europe/Prague")))
                .isEqualTo(Fixtures.utc("2024-10-27T00:30:00Z"));
    }

    @Test
    void spreadsheetCellsSharedInlineNumbersAndDates() {
        byte[] xlsx = new XlsxBuilder("Report").inlineStrings()
                .row(Arrays.asList("Trade History Report"))
                .row(Arrays.asList(null, "skipped B", 2001, 0.1, LocalDateTime.of(2024, 3, 5, 10, 0, 0)))
                .build();
        XlsxGrid.Sheet sheet = XlsxGrid.firstSheet(XlsxGrid.parts(xlsx, "x.xlsx"), "x.xlsx");

        assertThat(sheet.name()).isEqualTo("Report");
        assertThat(sheet.rows()).hasSize(2);
        GridRow row = sheet.rows().get(1);
        assertThat(row.where()).isEqualTo("x.xlsx sheet 'Report' row 2");
        assertThat(row.cells()).containsExactly("", "skipped B", "2001", "0.1", "2024.03.05 10:00:00");
        assertThat(XlsxGrid.columnIndex("AB12")).isEqualTo(27);
    }

    @Test
    void hiddenCellsAreDroppedAndSpansExpanded() {
        String html = "<html><body><table>\n<tr><td>a</td><td class=\"hidden\" colspan=\"8\">magic</td><td colspan=\"2\">b</td>"
                + "<td>c</td></tr>\n</table></body></html>";
        List<GridRow> rows = HtmlGrid.rows(HtmlGrid.parse(html), "p.html");

        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.cells()).containsExactly("a", "b", "", "c");
            assertThat(r.where()).isEqualTo("p.html line 2");
        });
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
