package io.vprop.challenge.history;

import com.fasterxml.jackson.databind.JsonNode;
import io.vprop.challenge.BalanceOperation;
import io.vprop.challenge.ClosedTrade;
import io.vprop.challenge.TradeHistory;
import org.jsoup.nodes.Document;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a trader's trade history into a {@link TradeHistory}: the MT5 account history report (HTML or Excel), the
 * MT5 Strategy Tester report (HTML or Excel), a CSV of deals or a CSV of closed positions, or a VProp research result
 * (walk-forward: its out-of-sample trades; backtest). The format is told by the content, not the file name. Times are
 * converted from the broker's server clock, which the caller states in {@link ImportOptions#serverZone()}; research
 * results carry UTC times and can be read without options ({@link #read(Path)}). See docs/challenge-lab.md,
 * "Importing a trade history".
 */
public final class HistoryImport {
    private static final Pattern HTML_START = Pattern.compile("(?is)\\A\\s*(<!--.*?-->\\s*)*<(!doctype\\s+html|html|head|body|table|meta|title)\\b");

    private HistoryImport() {
    }

    /**
     * The trade history in {@code file}.
     *
     * @throws HistoryImportException naming the file, the line or sheet row, the column and what was expected
     *                                when the file cannot be read as a trade history
     */
    public static TradeHistory read(Path file, ImportOptions options) {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        return read(bytes(file, name), name, options);
    }

    /**
     * The trade history in {@code file}, a format whose times carry their zone (a VProp research result).
     *
     * @throws HistoryImportException for a format written in the broker's server time (MT5 reports, CSVs): those
     *                                need {@link #read(Path, ImportOptions)} with the server's zone
     */
    public static TradeHistory read(Path file) {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        return read(bytes(file, name), name);
    }

    /** The format of {@code file}'s content, without importing it. */
    public static HistoryFormat detect(Path file) {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        return detect(bytes(file, name), name);
    }

    /** The format of {@code content} (a file called {@code name}, for messages), without importing it. */
    public static HistoryFormat detect(byte[] content, String name) {
        return parse(content, name).format;
    }

    /** The trade history in {@code content}, the bytes of a file called {@code name} (an upload). */
    public static TradeHistory read(byte[] content, String name, ImportOptions options) {
        return read(parse(content, name), name, java.util.Objects.requireNonNull(options, "options"));
    }

    /** As {@link #read(Path)}, for the bytes of a file called {@code name}. */
    public static TradeHistory read(byte[] content, String name) {
        Parsed parsed = parse(content, name);
        if (parsed.format.needsServerZone())
            throw new HistoryImportException(name + ": " + parsed.format.title() + " writes every time in the broker's "
                    + "server time: state the server's time zone (ImportOptions.serverZone, e.g. "
                    + ImportOptions.NEW_YORK_CLOSE + " for most FX brokers)");
        return read(parsed, name, null);
    }

    private static TradeHistory read(Parsed parsed, String name, ImportOptions options) {
        try {
            return assemble(parsed, name, options);
        } catch (IllegalArgumentException e) { // a record's own check (a trade closing before it opens)
            throw new HistoryImportException(e.getMessage(), e);
        }
    }

    private static byte[] bytes(Path file, String name) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new HistoryImportException(name + ": cannot read the file: " + e.getMessage(), e);
        }
    }

    /** A file's rows (or, for a research result, its JSON) and their format. */
    private record Parsed(HistoryFormat format, List<GridRow> rows, JsonNode json) {
        Parsed(HistoryFormat format, List<GridRow> rows) {
            this(format, rows, null);
        }
    }

    private static Parsed parse(byte[] bytes, String name) {
        if (bytes.length == 0) throw new HistoryImportException(name + ": the file is empty" + formats());
        if (isZip(bytes)) return workbook(bytes, name);
        String text;
        try {
            text = TextDecoder.decode(bytes, name);
        } catch (HistoryImportException e) { // binary, or text cut in the middle of a character
            throw new HistoryImportException(e.getMessage() + formats(), e);
        }
        if (text.isBlank()) throw new HistoryImportException(name + ": the file holds only blank text" + formats());
        if (HTML_START.matcher(text).find()) return html(text, name);
        if (ResearchResult.looksLikeJson(text)) {
            JsonNode json = ResearchResult.parse(text, name, formats());
            return new Parsed(ResearchResult.detect(json, name, formats()), List.of(), json);
        }
        List<GridRow> rows = CsvGrid.rows(text, name);
        HistoryFormat format = CsvHistory.detect(rows.get(0));
        if (format == null)
            throw new HistoryImportException(name + ": not a format the importer knows; its first line reads '"
                    + abbreviate(rows.get(0).cells()) + "'" + formats());
        if (rows.size() < 2) throw new HistoryImportException(rows.get(0).where() + ": a CSV header with no rows");
        return new Parsed(format, rows);
    }

    /** A zip: its local file header (bytes P K 03 04) or, for an empty zip, its end record (P K 05 06). */
    private static boolean isZip(byte[] b) {
        return b.length >= 4 && b[0] == 'P' && b[1] == 'K' && ((b[2] == 3 && b[3] == 4) || (b[2] == 5 && b[3] == 6));
    }

    private static Parsed workbook(byte[] bytes, String name) {
        Map<String, byte[]> parts = XlsxGrid.parts(bytes, name);
        if (!XlsxGrid.isWorkbook(parts))
            throw new HistoryImportException(name + ": a zip file that is not an Excel (.xlsx) workbook" + formats());
        XlsxGrid.Sheet sheet = XlsxGrid.firstSheet(parts, name);
        String title = Mt5Report.title(sheet.rows());
        if (title == null)
            throw new HistoryImportException(name + ": an Excel workbook whose first sheet '" + sheet.name() + "' is not "
                    + "an MT5 report (no '" + Mt5Report.ACCOUNT_TITLE + "' or '" + Mt5Report.TESTER_TITLE
                    + "' title row)" + formats());
        return new Parsed(title.equals(Mt5Report.ACCOUNT_TITLE) ? HistoryFormat.MT5_HISTORY_XLSX
                : HistoryFormat.MT5_TESTER_XLSX, sheet.rows());
    }

    private static Parsed html(String text, String name) {
        // jsoup would quietly close a cut-off page: a report that lost its end must not import as a shorter history.
        if (!text.toLowerCase(Locale.ROOT).contains("</html>"))
            throw new HistoryImportException(name + ": the HTML ends before </html>: the file is truncated (copy or "
                    + "export it again)");
        Document doc = HtmlGrid.parse(text);
        List<GridRow> rows = HtmlGrid.rows(doc, name);
        String title = Mt5Report.title(rows);
        String pageTitle = HtmlGrid.title(doc);
        if (title == null && pageTitle.contains(Mt5Report.ACCOUNT_TITLE)) title = Mt5Report.ACCOUNT_TITLE;
        if (title == null && pageTitle.contains(Mt5Report.TESTER_TITLE)) title = Mt5Report.TESTER_TITLE;
        if (title == null)
            throw new HistoryImportException(name + ": an HTML page that is not an MT5 report (title '" + pageTitle
                    + "'; expected '" + Mt5Report.ACCOUNT_TITLE + "' or '" + Mt5Report.TESTER_TITLE + "')" + formats());
        return new Parsed(title.equals(Mt5Report.ACCOUNT_TITLE) ? HistoryFormat.MT5_HISTORY_HTML
                : HistoryFormat.MT5_TESTER_HTML, rows);
    }

    private static TradeHistory assemble(Parsed parsed, String name, ImportOptions options) {
        String source = name + " (" + parsed.format.title() + ")";
        switch (parsed.format) {
            case VPROP_WALKFORWARD, VPROP_BACKTEST -> {
                return ResearchResult.read(parsed.json, parsed.format, name, options);
            }
            case DEALS_CSV -> {
                List<Deal> deals = CsvHistory.deals(parsed.rows, options);
                return fromDeals(deals, Map.of(), null, options.currency(), Double.NaN, source);
            }
            case POSITIONS_CSV -> {
                return fromPositions(CsvHistory.positions(parsed.rows, options), options.currency(), Double.NaN, source);
            }
            default -> {
                Mt5Report.Content c = Mt5Report.read(parsed.rows, name, options);
                String currency = currency(c.currency(), options, name);
                if (!c.hasDeals()) return fromPositions(c.positions(), currency, c.initialDeposit(), source);
                return fromDeals(c.deals(), byId(c.positions()), c.mode(), currency, c.initialDeposit(), source);
            }
        }
    }

    private static String currency(String stated, ImportOptions options, String name) {
        if (stated.isEmpty()) return options.currency();
        if (!options.currency().isEmpty() && !options.currency().equalsIgnoreCase(stated))
            throw new HistoryImportException(name + ": the report's account currency is " + stated + " but the import "
                    + "options say " + options.currency());
        return stated;
    }

    private static TradeHistory fromDeals(List<Deal> deals, Map<String, PositionRow> hints, RoundTrips.Mode mode,
                                          String currency, double statedDeposit, String source) {
        RoundTrips.Mode m = mode != null ? mode
                : deals.stream().anyMatch(d -> d.entry() == Deal.Entry.INOUT) ? RoundTrips.Mode.NETTING
                : RoundTrips.Mode.HEDGING;
        List<ClosedTrade> trades = RoundTrips.build(deals, m, hints);
        List<Deal> sorted = deals.stream().sorted(Comparator.comparingLong(Deal::timeMs)).toList();
        List<BalanceOperation> ops = new ArrayList<>();
        double initial = Double.NaN;
        for (int i = 0; i < sorted.size(); i++) {
            Deal d = sorted.get(i);
            if (d.isTrade()) continue;
            BalanceOperation op = new BalanceOperation(d.timeMs(), d.type().balanceKind(d.profit()), d.profit(),
                    d.comment(), d.where());
            if (i == 0 && op.kind() == BalanceOperation.Kind.DEPOSIT) initial = d.profit();
            else ops.add(op);
        }
        if (Double.isNaN(initial)) initial = balanceBefore(sorted);
        if (Double.isNaN(initial)) initial = statedDeposit;
        return new TradeHistory(trades, currency, initial, source, ops);
    }

    /** The balance before the first deal, from the Balance column, when a history starts without its deposit. */
    private static double balanceBefore(List<Deal> sorted) {
        for (Deal d : sorted) {
            if (Double.isNaN(d.balance())) return Double.NaN;
            if (d.type() == Deal.Type.CREDIT) continue; // a credit does not move the balance
            return d.balance() - (d.profit() + d.commission() + d.fee() + d.swap());
        }
        return Double.NaN;
    }

    private static TradeHistory fromPositions(List<PositionRow> rows, String currency, double deposit, String source) {
        List<ClosedTrade> trades = new ArrayList<>();
        for (PositionRow p : rows)
            trades.add(new ClosedTrade(p.id(), p.symbol(), p.side(), p.closedVolume(), p.openMs(), p.closeMs(),
                    p.openPrice(), p.closePrice(), p.profit(), p.commission(), p.swap(), Double.NaN, Double.NaN,
                    p.where()));
        trades.sort(Comparator.comparingLong(ClosedTrade::closeMs));
        return new TradeHistory(trades, currency, deposit, source, List.of());
    }

    private static Map<String, PositionRow> byId(List<PositionRow> rows) {
        Map<String, PositionRow> map = new LinkedHashMap<>();
        for (PositionRow p : rows) {
            PositionRow before = map.put(p.id(), p);
            if (before != null)
                throw new HistoryImportException(p.where() + ": position " + p.id() + " is listed twice (also at "
                        + before.where() + ")");
        }
        return map;
    }

    private static String formats() {
        return ". Recognised formats:" + HistoryFormat.listing();
    }

    private static String abbreviate(List<String> cells) {
        String s = String.join(" | ", cells);
        return s.length() > 120 ? s.substring(0, 117) + "..." : s;
    }
}
