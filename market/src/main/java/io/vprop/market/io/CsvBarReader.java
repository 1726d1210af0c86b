package io.vprop.market.io;

import java.time.Instant;
import io.vprop.market.Bar;
import io.vprop.market.BarSource;
import io.vprop.market.Timeframe;

/**
 * Streams a generic comma-separated bar file {@code timestamp,open,high,low,close[,volume]} (first column may
 * also be called {@code timestamp_utc}). Timestamps: ISO-8601 with or without offset, or epoch seconds/ms; see
 * docs/market-data.md. Volume, when present, becomes the bar's tick volume; spread is 0 (unknown).
 */
final class CsvBarReader extends DelimitedReader<Bar> implements BarSource {
    private static final int TIME = 0, OPEN = 1, HIGH = 2, LOW = 3, CLOSE = 4, VOLUME = 5;

    private final String symbol;
    private final Timeframe timeframe;
    private final ServerClock clock;
    private final boolean hasVolume;
    private long prevTime = Long.MIN_VALUE;

    CsvBarReader(LineReader lines, String fileName, String[] header, String symbol, Timeframe timeframe,
                 ServerClock clock, ParseMode mode) {
        super(lines, fileName, header, (byte) ',', mode);
        this.symbol = symbol;
        this.timeframe = timeframe;
        this.clock = clock;
        this.hasVolume = header.length > VOLUME;
    }

    @Override
    public Bar next() { return read(); }

    @Override
    Bar parseRow() {
        Fields f = fields;
        f.require(CLOSE);
        long time = f.timestamp(TIME, clock);
        double o = f.price(OPEN), h = f.price(HIGH), l = f.price(LOW), c = f.price(CLOSE);
        checkOhlc(o, h, l, c, OPEN);
        if (time <= prevTime) {
            throw new Fields.RowError(BadRowReason.TIME_BACKWARDS, TIME, f.name(TIME) + " '" + f.text(TIME)
                    + "' is not after the previous bar's (" + Instant.ofEpochMilli(prevTime) + ")");
        }
        long volume = hasVolume ? Math.round(f.quantity(VOLUME)) : 0;
        prevTime = time;
        return new Bar(symbol, timeframe, time, o, h, l, c, volume, 0);
    }

    /** {@code firstPrice}: the 0-based column of OPEN (HIGH, LOW, CLOSE follow it), to name the column at fault. */
    static void checkOhlc(double o, double h, double l, double c, int firstPrice) {
        if (l > h || o > h || c > h || o < l || c < l) {
            int column = l > h ? firstPrice + 2 : (o > h || o < l) ? firstPrice : firstPrice + 3;
            throw new Fields.RowError(BadRowReason.BAD_OHLC, column,
                    "inconsistent bar: open " + o + " high " + h + " low " + l + " close " + c
                            + " (need low <= open, close <= high)");
        }
    }
}
