package io.vprop.paper.broker;

import io.vprop.trade.Fill;
import io.vprop.trade.FillEntry;
import io.vprop.trade.Side;

/**
 * An executed trade (MT5 deal) as the simulated trade server records it: why it happened ({@link DealReason}) and
 * MT5's free-text comment, where the EA keeps the signal id. Money fields are in the account currency; commission and
 * swap are signed (negative = cost), profit excludes them, as MT5 reports it. {@link #toFill()} is what the terminal
 * reports of it.
 */
public record Deal(long ticket, long order, long position, String symbol, Side side, FillEntry entry,
                   double price, double volume, double commission, double swap, double profit,
                   long timeMs, DealReason reason, String comment) {

    /** This deal as the terminal reports it: the comment is the signal id, the reason its wire word. */
    public Fill toFill() {
        return new Fill(ticket, order, position, comment, symbol, side, entry, price, volume, commission, swap, profit, timeMs,
                reason.wire());
    }
}
