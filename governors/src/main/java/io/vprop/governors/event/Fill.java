package io.vprop.governors.event;

import io.vprop.trade.Side;

/**
 * A deal executed by the broker: an entry (position opened) or an exit (position closed, SL/TP hit, pending fill).
 *
 * @param entry           true when the fill opens a position, false when it closes one
 * @param profit          realised P&amp;L incl. commission and swap (0 for entries unless the broker charges commission there)
 * @param positionOpenMs  for exits: when the closed position was opened (hold time, news exemption); for entries = timeMs
 */
public record Fill(long timeMs, String symbol, Side side, double volume, double price, boolean entry,
                   double profit, long positionOpenMs) implements GovernorEvent {
    public Fill {
        Checks.symbol("fill.symbol", symbol);
        Checks.required("fill.side", side);
        Checks.positive("fill.volume", volume);
        Checks.positive("fill.price", price);
        Checks.finite("fill.profit", profit);
        if (positionOpenMs > timeMs) {
            throw new IllegalArgumentException("fill.positionOpenMs: " + positionOpenMs + " is after the fill time " + timeMs);
        }
    }
}
