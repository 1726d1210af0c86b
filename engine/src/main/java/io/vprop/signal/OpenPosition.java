package io.vprop.signal;

import io.vprop.trade.Side;

/** An open position as the account reports it; the engine uses it for the correlation cap and to avoid pyramiding. */
public record OpenPosition(String symbol, Side side, double lots, double openPrice) {
    public OpenPosition {
        if (symbol == null || symbol.isBlank()) throw new IllegalArgumentException("open position symbol is missing");
        if (side == null) throw new IllegalArgumentException("open position side is missing for " + symbol);
        if (!(lots > 0) || !Double.isFinite(lots))
            throw new IllegalArgumentException("open position lots must be > 0, was " + lots + " for " + symbol);
    }
}
