package io.vprop.analytics;

import io.vprop.journal.JournalFill;

/**
 * One deal as the journal's fills table holds it. {@code entry} is "in" (opens or adds), "out" (closes or reduces)
 * or "inout" (a netting reversal; counted as an out of the position it closes).
 */
public record Fill(String peer, long deal, long position, String signalId, String symbol, String side, String entry,
                   double price, double volume, double commission, double swap, double profit, long timeMs, String reason) {
    public Fill {
        if (peer == null || peer.isBlank()) throw new IllegalArgumentException("fill " + deal + ": peer is missing");
        if (entry == null || !(entry.equals("in") || entry.equals("out") || entry.equals("inout")))
            throw new IllegalArgumentException("fill " + deal + ": entry must be in, out or inout, got " + entry);
        if (!Double.isFinite(price) || price < 0) throw new IllegalArgumentException("fill " + deal + ": price " + price);
        if (!Double.isFinite(volume) || volume < 0) throw new IllegalArgumentException("fill " + deal + ": volume " + volume);
        if (!Double.isFinite(commission) || !Double.isFinite(swap) || !Double.isFinite(profit))
            throw new IllegalArgumentException("fill " + deal + ": commission/swap/profit must be finite");
    }

    public boolean opens() { return entry.equals("in"); }

    /** The journal's fill, with side and entry as the protocol's words. */
    static Fill of(JournalFill j) {
        var f = j.fill();
        return new Fill(j.peer(), f.deal(), f.position(), f.signalId(), f.symbol(), f.side().wire(), f.entry().wire(),
                f.price(), f.volume(), f.commission(), f.swap(), f.profit(), f.timeMs(), f.reason());
    }
}
