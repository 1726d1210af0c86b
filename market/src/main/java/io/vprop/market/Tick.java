package io.vprop.market;

/**
 * One quote update, the unit of market data everywhere in the sidecar.
 *
 * @param symbol   broker symbol name, e.g. "EURUSD"
 * @param timeMs   UTC epoch milliseconds (the sidecar converts broker server time to UTC on entry)
 * @param bid      best bid, finite and positive
 * @param ask      best ask, finite, positive and not below the bid
 * @param last     last trade price, 0 when the feed has none (FX)
 * @param volume   trade volume of this tick, 0 when the feed has none
 * @param flags    MT5 TICK_FLAG_* bits (2 bid changed, 4 ask changed, 8 last, 16 volume, 32 buy, 64 sell)
 */
public record Tick(String symbol, long timeMs, double bid, double ask, double last, double volume, int flags) {
    public double mid() { return 0.5 * (bid + ask); }
    public double spread() { return ask - bid; }
}
