package io.vprop.journal;

import io.vprop.trade.Fill;
import io.vprop.trade.FillEntry;
import io.vprop.trade.Side;

/** A fill as the journal holds it: the deal and the terminal (peer) that reported it. */
public record JournalFill(String peer, Fill fill) {

    /** One row of the fills table, its side and entry words read here; a bad row names its deal. */
    static JournalFill ofRow(String peer, long deal, long order, long position, String signalId, String symbol, String side,
                             String entry, double price, double volume, double commission, double swap, double profit,
                             long timeMs, String reason) {
        try {
            return new JournalFill(peer, new Fill(deal, order, position, signalId, symbol, Side.parse(side),
                    FillEntry.parse(entry), price, volume, commission, swap, profit, timeMs, reason));
        } catch (IllegalArgumentException e) {
            String named = "fill " + deal + ":";
            throw e.getMessage().startsWith(named) ? e : new IllegalArgumentException(named + " " + e.getMessage(), e);
        }
    }
}
