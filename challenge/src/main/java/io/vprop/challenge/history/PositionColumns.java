package io.vprop.challenge.history;

import io.vprop.trade.Side;

import java.util.Locale;

/**
 * Where a positions table keeps each field, and the reading of one row into a {@link PositionRow}. MT5's layout
 * names Time and Price twice (opening, then closing); a CSV may say Open Time / Close Time instead.
 */
final class PositionColumns {
    private final int openTime, id, symbol, type, volume, openPrice, closeTime, closePrice, commission, swap, profit;

    PositionColumns(Header h, String section) {
        openTime = pick(h, section, "Open Time", 0, "Time");
        closeTime = pick(h, section, "Close Time", 1, "Time");
        openPrice = pick(h, section, "Open Price", 0, "Price");
        closePrice = pick(h, section, "Close Price", 1, "Price");
        id = h.find("Position", "Ticket", "Position ID", "Id");
        symbol = h.require(section, "Symbol");
        type = h.require(section, "Type", "Side");
        volume = h.require(section, "Volume", "Lots", "Size");
        commission = h.find("Commission");
        swap = h.find("Swap");
        profit = h.require(section, "Profit");
    }

    private static int pick(Header h, String section, String name, int nth, String repeated) {
        int col = h.find(name);
        if (col < 0) col = h.find(nth, repeated);
        if (col < 0)
            throw new HistoryImportException(h.row().where() + ": the " + section + " header has no column " + name
                    + (nth == 0 ? " (or a first " : " (or a second ") + repeated + " column) (found: "
                    + String.join(", ", h.row().filled()) + ")");
        return col;
    }

    PositionRow read(GridRow row, ImportOptions options, int index) {
        String ticket = Cells.ticket(row, id, "Position");
        String typeText = row.cell(type);
        Side side = switch (typeText.strip().toLowerCase(Locale.ROOT)) {
            case "buy", "long" -> Side.BUY;
            case "sell", "short" -> Side.SELL;
            default -> throw Cells.error(row, type, "Type", "'" + typeText + "' is not buy or sell");
        };
        String sym = row.cell(symbol);
        if (sym.isEmpty()) throw Cells.error(row, symbol, "Symbol", "empty");
        double[] vol = volumes(row);
        return new PositionRow(row.where(), ticket.isEmpty() ? "P" + index : ticket, sym, side,
                Cells.time(row, openTime, "Time", options), vol[0], vol[1], Cells.number(row, openPrice, "Price"),
                Cells.time(row, closeTime, "Time (close)", options), Cells.number(row, closePrice, "Price (close)"),
                Cells.numberOr(row, commission, "Commission", 0), Cells.numberOr(row, swap, "Swap", 0),
                Cells.number(row, profit, "Profit"));
    }

    /** "0.1" or MT5's "0.05 / 0.1" (closed / initial) for a partly closed position. */
    private double[] volumes(GridRow row) {
        String text = row.cell(volume);
        int slash = text.indexOf('/');
        if (slash < 0) {
            double v = positive(row, text, Cells.number(row, volume, "Volume"));
            return new double[]{v, v};
        }
        GridRow closed = new GridRow(row.where(), java.util.List.of(text.substring(0, slash).strip()),
                java.util.List.of(row.whereCell(volume)));
        GridRow initial = new GridRow(row.where(), java.util.List.of(text.substring(slash + 1).strip()),
                java.util.List.of(row.whereCell(volume)));
        return new double[]{positive(row, text, Cells.number(closed, 0, "Volume")),
                positive(row, text, Cells.number(initial, 0, "Volume"))};
    }

    private double positive(GridRow row, String text, double v) {
        if (!(v > 0)) throw Cells.error(row, volume, "Volume", "'" + text + "' is not a positive volume");
        return v;
    }
}
