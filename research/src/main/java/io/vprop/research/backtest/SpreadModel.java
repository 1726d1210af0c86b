package io.vprop.research.backtest;

import io.vprop.market.SymbolSpec;
import io.vprop.market.instrument.InstrumentTable;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The spread of quotes built from bars that carry none (the shared H4/D1 bars, generic CSV bars): the ask is the
 * bar's price plus this many points. A bar's own spread (MT5 exports) always wins. This is the seam for a
 * per-session spread model: {@link #typical()} reads the instrument table's spreads by session.
 */
@FunctionalInterface
public interface SpreadModel {
    long HOUR_MS = 3_600_000L, DAY_MS = 24 * HOUR_MS;

    /** Spread in points for {@code spec}'s symbol at {@code timeMs} (UTC epoch ms); >= 0. Asked once per quote of a bar. */
    int points(SymbolSpec spec, long timeMs);

    /**
     * The same numbers as {@link #points} for {@code spec}'s symbol as 24 entries by UTC hour of day, when they depend
     * on nothing else; null (the default) when they may, then {@link #points} is asked at every quote. The bar feed
     * asks once per symbol and reads the table per quote (no lookup by name).
     */
    default int[] byUtcHour(SymbolSpec spec) { return null; }

    /** The entry of a {@link #byUtcHour} table for {@code timeMs}. */
    static int atHour(int[] byHour, long timeMs) {
        return byHour[(int) (Math.floorMod(timeMs, DAY_MS) / HOUR_MS)];
    }

    /** The same spread for every symbol at every hour. */
    static SpreadModel fixed(int points) {
        if (points < 0) throw new IllegalArgumentException("spread must be >= 0 points, got " + points);
        int[] hours = new int[24];
        Arrays.fill(hours, points);
        return new SpreadModel() {
            @Override public int points(SymbolSpec spec, long timeMs) { return points; }

            @Override public int[] byUtcHour(SymbolSpec spec) { return hours.clone(); }
        };
    }

    /** The built-in instrument table's typical spread of each symbol by trading session (docs/instruments.md). */
    static SpreadModel typical() {
        return bySession(InstrumentTable.builtIn());
    }

    /**
     * Each symbol's spread by trading session from {@code table} (an unknown symbol is an error naming it, at its
     * first bar). Sessions are fixed UTC hours ({@code Session.at}), so the model is a table by UTC hour too.
     */
    static SpreadModel bySession(InstrumentTable table) {
        Map<String, io.vprop.market.instrument.SpreadModel> bySymbol = new ConcurrentHashMap<>();
        return new SpreadModel() {
            @Override
            public int points(SymbolSpec spec, long timeMs) {
                return model(spec).pointsAt(timeMs);
            }

            @Override
            public int[] byUtcHour(SymbolSpec spec) {
                io.vprop.market.instrument.SpreadModel m = model(spec);
                int[] hours = new int[24];
                for (int h = 0; h < 24; h++) hours[h] = m.pointsAt(h * HOUR_MS);
                return hours;
            }

            private io.vprop.market.instrument.SpreadModel model(SymbolSpec spec) {
                io.vprop.market.instrument.SpreadModel m = bySymbol.get(spec.symbol());   // (a plain get: every quote asks)
                return m != null ? m : bySymbol.computeIfAbsent(spec.symbol(), s -> table.get(s).spread());
            }
        };
    }
}
