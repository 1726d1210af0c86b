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
    private SymbolSpec lastSpec;
    private int[] lastHours;

    UnitSpreads(List<Instrument> instruments, Integer fixedPoints) {
        symbols = new String[instruments.size()];
        byHour = new int[instruments.size()][24];
        for (int i = 0; i < symbols.length; i++) {
            Instrument in = instruments.get(i);
            symbols[i] = in.symbol();
            for (int h = 0; h < 24; h++) byHour[i][h] = fixedPoints != null ? fixedPoints : in.spread().pointsAt(h * HOUR);
        }
    }

    @Override
    public int points(SymbolSpec spec, long timeMs) {
        if (spec != lastSpec) {
            lastHours = hours(spec.symbol());
            lastSpec = spec;
        }
        return lastHours[(int) (Math.floorMod(timeMs, DAY) / HOUR)];
    }

    private int[] hours(String symbol) {
        for (int i = 0; i < symbols.length; i++) if (symbols[i].equals(symbol)) return byHour[i];
        throw new IllegalArgumentException("no spread for " + symbol + ": not an instrument of this unit");
    }
}
