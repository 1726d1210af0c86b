package io.vprop.analytics;

import io.vprop.journal.JournalFill;
import io.vprop.trade.Fill;

/** A deal and the terminal (peer) that reported it, as the journal's fills table holds it. */
record PeerFill(String peer, Fill fill) {
    public PeerFill {
        if (fill == null) throw new IllegalArgumentException("fill is missing");
        if (peer == null || peer.isBlank()) throw new IllegalArgumentException("fill " + fill.deal() + ": peer is missing");
    }

    /** The journal's fill (its side and entry words already read, a bad row named by its deal, by the journal). */
    static PeerFill of(JournalFill j) {
        return new PeerFill(j.peer(), j.fill());
    }
}
