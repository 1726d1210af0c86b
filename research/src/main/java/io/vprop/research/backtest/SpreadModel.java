package io.vprop.research.backtest;

import io.vprop.market.SymbolSpec;
import io.vprop.market.instrument.InstrumentTable;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The spread of quotes built from bars that carry none (the shared H4/D1 bars, generic CSV bars): the ask is the
 * bar's price plus this many points. A bar's own spread (MT5 exports) always wins. This is the seam for a
 * per-session spread model: {@link #typical()} reads the instrument table's spreads by session.
 */
@FunctionalInterface
public interface SpreadModel {

    /** Spread in points for {@code spec}'s symbol at {@code timeMs} (UTC epoch ms); >= 0. Asked once per quote of a bar. */
    int points(SymbolSpec spec, long timeMs);

    /** The same spread for every symbol at every hour. */
    static SpreadModel fixed(int points) {
        if (points < 0) throw new IllegalArgumentException("spread must be >= 0 points, got " + points);
        return (spec, timeMs) -> points;
    }

    /** The built-in instrument table's typical spread of each symbol by trading session (docs/instruments.md). */
    static SpreadModel typical() {
        return bySession(InstrumentTable.builtIn());
    }

    /**
     * Each symbol's spread by trading session from {@code table} (an unknown symbol is an error naming it, at its
     * first bar).
     */
    static SpreadModel bySession(InstrumentTable table) {
        Map<String, io.vprop.market.instrument.SpreadModel> bySymbol = new ConcurrentHashMap<>();
        return (spec, timeMs) -> {
            io.vprop.market.instrument.SpreadModel m = bySymbol.get(spec.symbol());   // (a plain get: every quote asks)
            if (m == null) m = bySymbol.computeIfAbsent(spec.symbol(), s -> table.get(s).spread());
            return m.pointsAt(timeMs);
        };
    }
}
