package io.vprop.challenge.history;

/**
 * Where a deals table keeps each field, and the reading of one row into a {@link Deal}. Shared by the MT5 reports
 * (Deals section) and the CSV of deals, whose header names are MT5's English ones or the aliases listed here.
 */
final class DealColumns {
    private final String section;
    private final int time, ticket, symbol, type, entry, volume, price, order, position, commission, fee, swap,
            profit, balance, comment;

    DealColumns(Header h, String section) {
        this.section = section;
        time = h.require(section, "Time", "Date", "Datetime");
        type = h.require(section, "Type");
        profit = h.require(section, "Profit");
        symbol = h.find("Symbol");
        entry = h.find("Direction", "Entry");
        volume = h.find("Volume", "Lots", "Size");
        price = h.find("Price");
        ticket = h.find("Deal", "Ticket");
        order = h.find("Order");
        position = h.find("Position", "Position ID", "PositionId");
        commission = h.find("Commission");
        fee = h.find("Fee");
        swap = h.find("Swap");
        balance = h.find("Balance");
        comment = h.find("Comment");
        // A trade deal cannot be read without these; a table of balance operations alone could, but no source is.
        h.require(section, "Symbol");
        h.require(section, "Direction", "Entry");
        h.require(section, "Volume", "Lots", "Size");
        h.require(section, "Price");
    }

    Deal read(GridRow row, ImportOptions options) {
        long t = Cells.time(row, time, "Time", options);
        String typeText = row.cell(type);
        Deal.Type dealType = Deal.Type.parse(typeText);
        if (dealType == null)
            throw Cells.error(row, type, "Type", "'" + typeText + "' is not a deal type (expected buy, sell, balance, "
                    + "credit, charge, correction, bonus, commission, ...)");
        String dealTicket = Cells.ticket(row, ticket, "Deal");
        double pnl = Cells.numberOr(row, profit, "Profit", 0);
        double bal = Cells.numberOr(row, balance, "Balance", Double.NaN);
        String text = row.cell(comment);
        if (dealType != Deal.Type.BUY && dealType != Deal.Type.SELL) {
            if (row.cell(profit).isEmpty())
                throw Cells.error(row, profit, "Profit", "empty, expected the amount of the " + typeText + " operation");
            return new Deal(row.where(), t, dealTicket, row.cell(symbol), dealType, Deal.Entry.NONE, 0, 0, "", "",
                    Cells.numberOr(row, commission, "Commission", 0), Cells.numberOr(row, fee, "Fee", 0),
                    Cells.numberOr(row, swap, "Swap", 0), pnl, bal, text);
        }
        String sym = row.cell(symbol);
        if (sym.isEmpty()) throw Cells.error(row, symbol, "Symbol", "empty on a " + typeText + " deal");
        String entryText = row.cell(entry);
        Deal.Entry e = Deal.Entry.parse(entryText);
        if (e == null || e == Deal.Entry.NONE)
            throw Cells.error(row, entry, "Direction", "'" + entryText + "' is not a deal direction (expected in, out, "
                    + "in/out or out by)");
        double lots = Cells.number(row, volume, "Volume");
        if (!(lots > 0)) throw Cells.error(row, volume, "Volume", "'" + row.cell(volume) + "' is not a positive volume");
        double px = Cells.number(row, price, "Price");
        if (!(px > 0)) throw Cells.error(row, price, "Price", "'" + row.cell(price) + "' is not a positive price");
        return new Deal(row.where(), t, dealTicket, sym, dealType, e, lots, px, Cells.ticket(row, order, "Order"),
                Cells.ticket(row, position, "Position"), Cells.numberOr(row, commission, "Commission", 0),
                Cells.numberOr(row, fee, "Fee", 0), Cells.numberOr(row, swap, "Swap", 0), pnl, bal, text);
    }

    String section() {
        return section;
    }
}
