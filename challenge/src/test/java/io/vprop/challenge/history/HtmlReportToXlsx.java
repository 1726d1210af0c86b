package io.vprop.challenge.history;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Lays an MT5 HTML report out as the terminal's Excel export does: one sheet, one spreadsheet row per table row, a
 * merged cell's value in its first column, hidden cells left out, times as date-time cells, numbers as numbers.
 * Reads the HTML with jsoup directly (not the importer's HtmlGrid) so the Excel path is checked on its own.
 * {@code main} wrote challenge/src/test/resources/history/ReportHistory-51234567.xlsx.
 */
final class HtmlReportToXlsx {
    private static final DateTimeFormatter MT5_TIME = DateTimeFormatter.ofPattern("yyyy.MM.dd HH:mm:ss");

    private HtmlReportToXlsx() {
    }

    static XlsxBuilder convert(Path html, String sheetName) throws IOException {
        Document doc = Jsoup.parse(Files.readString(html, StandardCharsets.UTF_16));
        XlsxBuilder xlsx = new XlsxBuilder(sheetName);
        for (Element tr : doc.select("tr")) {
            List<Object> cells = new ArrayList<>();
            for (Element td : tr.children()) {
                if (td.hasClass("hidden")) continue;
                cells.add(value(td.text().replace('\u00a0', ' ').strip()));
                int span = td.attr("colspan").isEmpty() ? 1 : Integer.parseInt(td.attr("colspan"));
                for (int i = 1; i < span; i++) cells.add(null);
            }
            xlsx.row(cells);
        }
        return xlsx;
    }

    private static Object value(String text) {
        if (text.isEmpty()) return null;
        if (text.matches("\\d{4}\\.\\d{2}\\.\\d{2} \\d{2}:\\d{2}:\\d{2}")) return LocalDateTime.parse(text, MT5_TIME);
        if (text.matches("-?\\d{1,3}( \\d{3})*(\\.\\d+)?") || text.matches("-?\\d+(\\.\\d+)?"))
            return Double.parseDouble(text.replace(" ", ""));
        return text;
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        byte[] xlsx = convert(dir.resolve("ReportHistory-51234567.html"), "Sheet1").build();
        Files.write(dir.resolve("ReportHistory-51234567.xlsx"), xlsx);
    }
}
