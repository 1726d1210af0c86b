package io.vprop.challenge.history;

import java.util.ArrayList;
import java.util.List;

/**
 * The two CSV formats. A CSV of deals has a header row naming at least Time, Symbol, Type, Direction, Volume,
 * Price and Profit (optional: Deal, Order, Position, Commission, Fee, Swap, Balance, Comment); a CSV of closed
 * positions names Open Time, Symbol, Type, Volume, Open Price, Close Time, Close Price and Profit (optional:
 * Position, Commission, Swap), or MT5's Positions layout with Time and Price twice. Every data row must have as
 * many fields as the header: a shorter one is a truncated or misaligned line.
 */
final class CsvHistory {
    private CsvHistory() {
    }

    /** DEALS_CSV, POSITIONS_CSV, or null when the header fits neither. */
    static HistoryFormat detect(GridRow header) {
        Header h = new Header(header);
        boolean timed = h.has("Time", "Date", "Datetime", "Open Time");
        if (timed && h.has("Direction", "Entry") && h.has("Type") && h.has("Profit")) return HistoryFormat.DEALS_CSV;
        boolean twoTimes = h.has("Close Time") || h.find(1, "Time") >= 0;
        if (timed && twoTimes && h.has("Symbol") && h.has("Profit")) return HistoryFormat.POSITIONS_CSV;
        return null;
    }

    static List<Deal> deals(List<GridRow> rows, ImportOptions options) {
        DealColumns cols = new DealColumns(new Header(rows.get(0)), "CSV");
        List<Deal> deals = new ArrayList<>();
        for (GridRow row : body(rows)) deals.add(cols.read(row, options));
        return deals;
    }

    static List<PositionRow> positions(List<GridRow> rows, ImportOptions options) {
        PositionColumns cols = new PositionColumns(new Header(rows.get(0)), "CSV");
        List<PositionRow> positions = new ArrayList<>();
        for (GridRow row : body(rows)) positions.add(cols.read(row, options, positions.size() + 1));
        return positions;
    }

    private static List<GridRow> body(List<GridRow> rows) {
        int width = rows.get(0).cells().size();
        List<GridRow> body = rows.subList(1, rows.size());
        for (GridRow row : body)
            if (row.cells().size() != width)
                throw new HistoryImportException(row.where() + ": " + row.cells().size() + " fields where the header has "
                        + width + " (a truncated line, or a delimiter inside an unquoted field?)");
        return body;
    }
}
