package io.vprop.analytics;

import io.vprop.trade.Fill;
import io.vprop.trade.FillEntry;
import io.vprop.trade.Side;

/** A deal and the terminal (peer) that reported it, as the journal's fills table holds it. */
public record PeerFill(String peer, Fill fill) {
    public PeerFill {
        if (fill == null) throw new IllegalArgumentException("fill is missing");
        if (peer == null || peer.isBlank()) throw new IllegalArgumentException("fill " + fill.deal() + ": peer is missing");
    }

    /**
     * One row of the fills table, its side and entry words read here; a bad row names its deal. The analytics do not
     * read the order ticket (0).
     */
    static PeerFill ofRow(String peer, long deal, long position, String signalId, String symbol, String side, String entry,
                          double price, double volume, double commission, double swap, double profit, long timeMs,
                          String reason) {
        try {
            return new PeerFill(peer, new Fill(deal, 0, position, signalId, symbol, Side.parse(side), FillEntry.parse(entry),
                    price, volume, commission, swap, profit, timeMs, reason));
        } catch (IllegalArgumentException e) {
            String named = "fill " + deal + ":";
            throw e.getMessage().startsWith(named) ? e : new IllegalArgumentException(named + " " + e.getMessage(), e);
        }
    }
}
