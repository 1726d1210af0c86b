package io.vprop.paper.broker;

import io.vprop.trade.Side;

/**
 * An executed trade (MT5 deal). Money fields are in the account currency; commission and swap are signed
 * (negative = cost), profit excludes them, as MT5 reports it.
 */
public record Deal(long ticket, long order, long position, String symbol, Side side, DealEntry entry,
                   double price, double volume, double commission, double swap, double profit,
                   long timeMs, DealReason reason, String comment) {
}
