package io.vprop.challenge.history;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static io.vprop.challenge.history.Fixtures.path;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad input gets a message naming the file, the line or row, the column and what was expected; never a crash. */
class MalformedImportTest {
    private static final ImportOptions NY_CLOSE = ImportOptions.newYorkClose();

    @Test
    void aBadNumberIsNamedWithItsLineAndColumn() {
        assertThatThrownBy(() -> HistoryImport.read(path("bad-number.html"), NY_CLOSE))
                .isInstanceOf(HistoryImportException.class)
                .hasMessage("bad-number.html line 222, column Volume: '0,1 0' is not a number");
    }

    @Test
    void aReportWithoutDealsOrPositionsIsAMissingSection() {
        assertThatThrownBy(() -> HistoryImport.read(path("missing-section.html"), NY_CLOSE))
                .isInstanceOf(HistoryImportException.class)
                .hasMessageStartingWith("missing-section.html: missing section: the report has neither a Deals nor a "
                        + "Positions section (sections found: trade history report, orders, open positions, results;");
    }

    @Test
    void aTruncatedReportIsNotReadAsAShorterHistory() {
        assertThatThrownBy(() -> HistoryImport.read(path("truncated.html"), NY_CLOSE))
                .isInstanceOf(HistoryImportException.class)
                .hasMessage("truncated.html: the HTML ends before </html>: the file is truncated (copy or export it again)");
    }

    @Test
    void aTruncatedWorkbookIsNamed(@TempDir Path dir) throws IOException {
        byte[] whole = Files.readAllBytes(path("ReportHistory-51234567.xlsx"));
        Path cut = dir.resolve("cut.xlsx");
        Files.write(cut, Arrays.copyOf(whole, whole.length / 2));

        assertThatThrownBy(() -> HistoryImport.read(cut, NY_CLOSE))
                .isInstanceOf(HistoryImportException.class)
                .hasMessageStartingWith("cut.xlsx: ")
                .hasMessageContaining("truncated");
    }

    @Test
    void aTruncatedCsvLineIsNamed() {
        assertThatThrownBy(() -> HistoryImport.read(path("truncated-deals.csv"), NY_CLOSE))
                .isInstanceOf(HistoryImportException.class)
                .hasMessage("truncated-deals.csv line 3: 5 fields where the header has 7 (a truncated line, or a "
                        + "delimiter inside an unquoted field?)");
    }

    @Test
    void anEmptyFileListsTheFormatsRecognised() {
        assertThatThrownBy(() -> HistoryImport.read(path("empty.csv"), NY_CLOSE))
                .isInstanceOf(HistoryImportException.class)
                .hasMessageStartingWith("empty.csv: the file is empty. Recognised formats:")
                .hasMessageContaining("MT5 account history report, HTML")
                .hasMessageContaining("CSV of closed positions");
    }

    @Test
    void aFileOfNoKnownFormatListsTheFormatsRecognised() {
        assertThatThrownBy(() -> HistoryImport.read(path("unknown.txt"), NY_CLOSE))
                .isInstanceOf(HistoryImportException.class)
                .hasMessageStartingWith("unknown.txt: not a format the importer knows; its first line reads 'Hello | '")
                .hasMessageContaining("MT5 account history report, Excel (Toolbox > History > Report > Open XML)")
                .hasMessageContaining("MT5 Strategy Tester report, HTML")
                .hasMessageContaining("CSV of deals (columns Time, Symbol, Type, Direction, Volume, Price, Profit, ...)");
    }

    @Test
    void anHtmlPageOrAWorkbookThatIsNoMt5ReportIsNamed(@TempDir Path dir) throws IOException {
        Path page = dir.resolve("page.html");
        Files.writeString(page, "<html><head><title>My trades</title></head><body><table><tr><td>1</td></tr></table>"
                + "</body></html>");
        Path book = dir.resolve("book.xlsx");
        Files.write(book, new XlsxBuilder("Trades").row(java.util.List.of("Time", "Profit")).build());

        assertThatThrownBy(() -> HistoryImport.read(page, NY_CLOSE))
                .hasMessageStartingWith("page.html: an HTML page that is not an MT5 report (title 'My trades'");
        assertThatThrownBy(() -> HistoryImport.read(book, NY_CLOSE))
                .hasMessageStartingWith("book.xlsx: an Excel workbook whose first sheet 'Trades' is not an MT5 report");
    }

    @Test
    void theDealsAndPositionsSectionsMustAgree(@TempDir Path dir) throws IOException {
        String html = Files.readString(path("ReportHistory-51234567.html"), StandardCharsets.UTF_16);
        // Position 2005's profit in the Positions section 60.00 -> 61.00; its deals still add up to 60.00.
        String changed = html.replace("<td class=\"\">0.00</td>\n            <td colspan=\"2\">60.00</td>",
                "<td class=\"\">0.00</td>\n            <td colspan=\"2\">61.00</td>");
        assertThat(changed).isNotEqualTo(html);
        Path file = dir.resolve("disagree.html");
        Files.writeString(file, changed, StandardCharsets.UTF_16LE);

        assertThatThrownBy(() -> HistoryImport.read(file, NY_CLOSE))
                .isInstanceOf(HistoryImportException.class)
                .hasMessageContaining("position 2005 shows profit 61.0 on 0.3 lots, but its deals from disagree.html line")
                .hasMessageEndingWith("add up to 60.0 on 0.3 lots: the Deals and Positions sections disagree");
    }

    @Test
    void aTimeInTheSpringGapOfTheServerClockIsNamed(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("gap.csv");
        Files.writeString(csv, "Time,Symbol,Type,Direction,Volume,Price,Profit\n"
                + "2024-03-31 02:30:00,EURUSD,buy,in,0.1,1.08,0\n");

        assertThatThrownBy(() -> HistoryImport.read(csv, new ImportOptions("Europe/Prague")))
                .hasMessage("gap.csv line 2, column Time: 2024-03-31T02:30 does not exist on the server clock "
                        + "Europe/Prague (it falls in the hour skipped when daylight saving starts)");
    }

    @Test
    void aBadDealTypeOrDirectionIsNamed(@TempDir Path dir) throws IOException {
        Path type = dir.resolve("type.csv");
        Files.writeString(type, "Time,Symbol,Type,Direction,Volume,Price,Profit\n2024-03-05 10:00:00,EURUSD,long,in,0.1,1.08,0\n");
        Path entry = dir.resolve("entry.csv");
        Files.writeString(entry, "Time,Symbol,Type,Direction,Volume,Price,Profit\n2024-03-05 10:00:00,EURUSD,buy,up,0.1,1.08,0\n");
        Path time = dir.resolve("time.csv");
        Files.writeString(time, "Time,Symbol,Type,Direction,Volume,Price,Profit\n05/03/2024 10:00,EURUSD,buy,in,0.1,1.08,0\n");

        assertThatThrownBy(() -> HistoryImport.read(type, NY_CLOSE))
                .hasMessageStartingWith("type.csv line 2, column Type: 'long' is not a deal type (expected buy, sell,");
        assertThatThrownBy(() -> HistoryImport.read(entry, NY_CLOSE))
                .hasMessage("entry.csv line 2, column Direction: 'up' is not a deal direction (expected in, out, in/out "
                        + "or out by)");
        assertThatThrownBy(() -> HistoryImport.read(time, NY_CLOSE))
                .hasMessage("time.csv line 2, column Time: '05/03/2024 10:00' is not a time (expected 2024.03.08 14:30:00)");
    }

    @Test
    void anExitWithoutItsEntryIsNamed(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("late.csv");
        Files.writeString(csv, "Time,Deal,Symbol,Type,Direction,Volume,Price,Profit\n"
                + "2024-03-05 10:00:00,77,EURUSD,sell,out,0.1,1.08,5.00\n");

        assertThatThrownBy(() -> HistoryImport.read(csv, NY_CLOSE))
                .hasMessage("late.csv line 2: deal 77 closes 0.1 lots EURUSD buy but no such position is open (does the "
                        + "history start after the position was opened? export it from the account's first deal)");
    }

    @Test
    void theServerZoneMustBeStated() {
        assertThatThrownBy(() -> new ImportOptions(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("serverZone");
        assertThatThrownBy(() -> new ImportOptions("Mars/Olympus"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown time zone 'Mars/Olympus'");
    }

    @Test
    void aCurrencyThatContradictsTheReportIsAnError() {
        assertThatThrownBy(() -> HistoryImport.read(path("ReportHistory-51234567.html"), NY_CLOSE.withCurrency("EUR")))
                .hasMessage("ReportHistory-51234567.html: the report's account currency is USD but the import options "
                        + "say EUR");
    }
}
