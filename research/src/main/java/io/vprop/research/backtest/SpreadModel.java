package io.vprop.research.backtest;

import io.vprop.market.SymbolSpec;
import io.vprop.market.synthetic.FxUniverse;

/**
 * The spread of quotes built from bars that carry none (the shared H4/D1 bars, generic CSV bars): the ask is the
 * bar's price plus this many points. A bar's own spread (MT5 exports) always wins. This is the seam for a
 * per-session spread model from the instrument specifications; the two here are flat.
 */
@FunctionalInterface
public interface SpreadModel {

    /** Spread in points for {@code spec}'s symbol at {@code timeMs} (UTC epoch ms); >= 0. */
    int points(SymbolSpec spec, long timeMs);

    /** The same spread for every symbol at every hour. */
    static SpreadModel fixed(int points) {
        if (points < 0) throw new IllegalArgumentException("spread must be >= 0 points, got " + points);
        return (spec, timeMs) -> points;
    }

    /** A typical raw spread per pair outside news and rollover (EURUSD 6 points, crosses 18…; FxUniverse's table). */
    static SpreadModel typical() {
        return (spec, timeMs) -> FxUniverse.baseSpreadPoints(spec.symbol());
    }
}
