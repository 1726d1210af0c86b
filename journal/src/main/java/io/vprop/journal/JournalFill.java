package io.vprop.journal;

import io.vprop.trade.Fill;

/** A fill as the journal holds it: the deal and the terminal (peer) that reported it. */
public record JournalFill(String peer, Fill fill) {
}
