package io.vprop.challenge.history;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The content of an MT5 report (account history or Strategy Tester, HTML or Excel) read from its rows. Both
 * reports are one grid of rows: a title, a header of "Label:" rows (account: Name, Account, Company, Date; tester:
 * Expert, Symbol, Period, Currency, Initial Deposit, ...), then sections, each a row holding only its title
 * ("Positions", "Orders", "Deals", "Open Positions", "Results"), a header row and data rows. A data row starts with
 * a time; rows that do not (the totals under Deals, spacers) are not data.
 */
final class Mt5Report {
    static final String ACCOUNT_TITLE = "Trade History Report";
    static final String TESTER_TITLE = "Strategy Tester Report";
    private static final Set<String> SECTIONS = Set.of("positions", "orders", "deals", "open positions",
            "working orders", "results", "settings", "summary", "trade history report", "strategy tester report");

    /**
     * @param currency       account currency, "" when the report does not say
     * @param mode           how the account holds positions, null when the report does not say
     * @param deals          the Deals section, in the report's order; empty when the report has none
     * @param positions      the Positions section; empty when the report has none
     * @param initialDeposit the tester's "Initial Deposit", NaN elsewhere
     */
    record Content(String currency, RoundTrips.Mode mode, List<Deal> deals, List<PositionRow> positions,
                   double initialDeposit, boolean hasDeals, boolean hasPositions) {
    }

    private Mt5Report() {
    }

    /** The title row's text when the rows are an MT5 report: {@link #ACCOUNT_TITLE}, {@link #TESTER_TITLE} or null. */
    static String title(List<GridRow> rows) {
        for (GridRow row : rows.subList(0, Math.min(rows.size(), 40))) {
            String first = row.first();
            if (first.equalsIgnoreCase(ACCOUNT_TITLE)) return ACCOUNT_TITLE;
            if (first.equalsIgnoreCase(TESTER_TITLE)) return TESTER_TITLE;
        }
        return null;
    }

    static Content read(List<GridRow> rows, String file, ImportOptions options) {
        Map<String, Integer> sections = sections(rows);
        Integer dealsAt = sections.get("deals");
        Integer positionsAt = sections.get("positions");
        if (dealsAt == null && positionsAt == null)
            throw new HistoryImportException(file + ": missing section: the report has neither a Deals nor a Positions "
                    + "section (sections found: " + (sections.isEmpty() ? "none" : String.join(", ", sections.keySet()))
                    + "; the importer reads reports exported with the terminal's language set to English)");
        List<Deal> deals = new ArrayList<>();
        if (dealsAt != null) {
            int headerAt = headerAfter(rows, dealsAt, file, "Deals");
            DealColumns cols = new DealColumns(new Header(rows.get(headerAt)), "Deals");
            for (GridRow row : dataRows(rows, headerAt)) deals.add(cols.read(row, options));
        }
        List<PositionRow> positions = new ArrayList<>();
        if (positionsAt != null) {
            int headerAt = headerAfter(rows, positionsAt, file, "Positions");
            PositionColumns cols = new PositionColumns(new Header(rows.get(headerAt)), "Positions");
            for (GridRow row : dataRows(rows, headerAt)) positions.add(cols.read(row, options, positions.size() + 1));
        }
        String account = label(rows, "Account");
        String currency = label(rows, "Currency");
        if (currency.isEmpty()) currency = currencyOf(account);
        double deposit = Double.NaN;
        int depositRow = labelRow(rows, "Initial Deposit");
        if (depositRow >= 0) {
            GridRow row = rows.get(depositRow);
            int col = valueColumn(row, "Initial Deposit");
            deposit = Cells.number(row, col, "Initial Deposit");
        }
        return new Content(currency, modeOf(account), deals, positions, deposit, dealsAt != null, positionsAt != null);
    }

    /** Section title → row index, in the report's order. */
    private static Map<String, Integer> sections(List<GridRow> rows) {
        Map<String, Integer> found = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            List<String> filled = rows.get(i).filled();
            if (filled.size() != 1) continue;
            String name = filled.get(0).toLowerCase(Locale.ROOT);
            if (SECTIONS.contains(name)) found.putIfAbsent(name, i);
        }
        return found;
    }

    private static int headerAfter(List<GridRow> rows, int titleAt, String file, String section) {
        for (int i = titleAt + 1; i < rows.size(); i++) {
            if (rows.get(i).blank()) continue;
            if (isSectionTitle(rows.get(i))) break;
            return i;
        }
        throw new HistoryImportException(rows.get(titleAt).where() + ": the " + section + " section has no header row "
                + "(the file ends or the next section starts right after its title)");
    }

    /** The rows after a header up to the next section title that start with a time. */
    private static List<GridRow> dataRows(List<GridRow> rows, int headerAt) {
        List<GridRow> data = new ArrayList<>();
        for (int i = headerAt + 1; i < rows.size(); i++) {
            GridRow row = rows.get(i);
            if (isSectionTitle(row)) break;
            String first = row.cell(0);
            if (first.isEmpty() || !Character.isDigit(first.charAt(0))) continue;
            data.add(row);
        }
        return data;
    }

    private static boolean isSectionTitle(GridRow row) {
        List<String> filled = row.filled();
        return filled.size() == 1 && SECTIONS.contains(filled.get(0).toLowerCase(Locale.ROOT));
    }

    /** The value after "Label:" anywhere in the rows, "" when absent. */
    private static String label(List<GridRow> rows, String label) {
        int at = labelRow(rows, label);
        if (at < 0) return "";
        GridRow row = rows.get(at);
        return row.cell(valueColumn(row, label));
    }

    private static int labelRow(List<GridRow> rows, String label) {
        for (int i = 0; i < rows.size(); i++) if (labelColumn(rows.get(i), label) >= 0) return i;
        return -1;
    }

    private static int labelColumn(GridRow row, String label) {
        for (int c = 0; c < row.cells().size(); c++)
            if (row.cell(c).equalsIgnoreCase(label + ":")) return c;
        return -1;
    }

    /** The first non-empty cell after the label's cell. */
    private static int valueColumn(GridRow row, String label) {
        int c = labelColumn(row, label) + 1;
        while (c < row.cells().size() && row.cell(c).isEmpty()) c++;
        return c;
    }

    /** "70358000 (EUR, MetaQuotes-Demo, demo, Hedge)" → "EUR". */
    static String currencyOf(String account) {
        List<String> parts = accountParts(account);
        return parts.isEmpty() ? "" : parts.get(0);
    }

    /** "(..., Hedge)" → HEDGING, "Netting" or "Exchange" → NETTING, null when the report does not say. */
    static RoundTrips.Mode modeOf(String account) {
        for (String part : accountParts(account)) {
            String p = part.toLowerCase(Locale.ROOT);
            if (p.startsWith("hedg")) return RoundTrips.Mode.HEDGING;
            if (p.equals("netting") || p.equals("exchange")) return RoundTrips.Mode.NETTING;
        }
        return null;
    }

    private static List<String> accountParts(String account) {
        int open = account.indexOf('('), close = account.lastIndexOf(')');
        if (open < 0 || close < open) return List.of();
        List<String> parts = new ArrayList<>();
        for (String p : account.substring(open + 1, close).split(",")) parts.add(p.strip());
        return parts;
    }
}
