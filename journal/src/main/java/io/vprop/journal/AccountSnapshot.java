package io.vprop.journal;

import io.vprop.trade.AccountState;

/** One account message a terminal (peer) sent, stamped {@code tsMs} by the terminal's clock (like its fills). */
public record AccountSnapshot(String peer, long tsMs, AccountState account) {
}
