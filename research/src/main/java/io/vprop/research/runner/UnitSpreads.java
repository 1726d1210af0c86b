package io.vprop.research.runner;

import io.vprop.market.SymbolSpec;
import io.vprop.market.instrument.Instrument;
import io.vprop.research.backtest.SpreadModel;

import java.util.List;

/**
 * The instruments' spreads by session (or a fixed spread) as one unit's {@link SpreadModel}: the same numbers as
 * {@code SpreadModel.bySession}, looked up per quote by the spec's identity and the UTC hour instead of a map and a
 * session switch (the backtester asks for every quote of bars without a spread). One unit, one thread.
 */
final class UnitSpreads implements SpreadModel {
    private static final long HOUR = 3_600_000L, DAY = 24 * HOUR;

    private final String[] symbols;
    private final int[][] byHour;          // [instrument][UTC hour]
    private final SymbolSpec[] specs;      // the spec each row was last asked for (null until asked)
    private SymbolSpec lastSpec;
    private int[] lastHours;

    UnitSpreads(List<Instrument> instruments, Integer fixedPoints) {
        symbols = new String[instruments.size()];
        byHour = new int[instruments.size()][24];
        specs = new SymbolSpec[instruments.size()];
        for (int i = 0; i < symbols.length; i++) {
            Instrument in = instruments.get(i);
            symbols[i] = in.symbol();
            for (int h = 0; h < 24; h++) byHour[i][h] = fixedPoints != null ? fixedPoints : in.spread().pointsAt(h * HOUR);
        }
    }

    @Override
    public int points(SymbolSpec spec, long timeMs) {
        if (spec != lastSpec) {                          // the lanes of a unit take turns: each spec's row, by identity
            int[] row = null;
            for (int i = 0; i < specs.length && row == null; i++) if (specs[i] == spec) row = byHour[i];
            if (row == null) {
                row = hours(spec.symbol());
                for (int i = 0; i < specs.length; i++) if (byHour[i] == row && specs[i] == null) specs[i] = spec;
            }
            lastHours = row;
            lastSpec = spec;
        }
        return lastHours[(int) (Math.floorMod(timeMs, DAY) / HOUR)];
    }

    /** The row of {@code spec}'s instrument: the bar feed reads it per quote without asking {@link #points}. */
    @Override
    public int[] byUtcHour(SymbolSpec spec) {
        return hours(spec.symbol()).clone();
    }

    private int[] hours(String symbol) {
        for (int i = 0; i < symbols.length; i++) if (symbols[i].equals(symbol)) return byHour[i];
        throw new IllegalArgumentException("no spread for " + symbol + ": not an instrument of this unit");
    }
}
