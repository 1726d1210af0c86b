package io.vprop.market.io;

import io.vprop.market.Bar;
import io.vprop.market.BarSource;
import io.vprop.market.Timeframe;

/**
 * Streams an MT5 "Export bars" file ({@code <DATE> <TIME> <OPEN> <HIGH> <LOW> <CLOSE> <TICKVOL> <VOL> <SPREAD>}),
 * time = bar open time. Rejects bad numbers, non-positive prices, inconsistent OHLC (low above open/close or
 * high below them) and open times that do not increase.
 */
final class Mt5BarReader extends DelimitedReader<Bar> implements BarSource {
    static final String[] COLUMNS = {"<DATE>", "<TIME>", "<OPEN>", "<HIGH>", "<LOW>", "<CLOSE>", "<TICKVOL>", "<VOL>", "<SPREAD>"};
    private static final int DATE = 0, TIME = 1, OPEN = 2, HIGH = 3, LOW = 4, CLOSE = 5, TICKVOL = 6, SPREAD = 8;

    private final String symbol;
    private final Timeframe timeframe;
    private final ServerClock clock;
    private long prevTime = Long.MIN_VALUE, prevWall;

    Mt5BarReader(LineReader lines, String fileName, String symbol, Timeframe timeframe, ServerClock clock, ParseMode mode) {
        super(lines, fileName, COLUMNS, (byte) '\t', mode);
        this.symbol = symbol;
        this.timeframe = timeframe;
        this.clock = clock;
    }

    @Override
    public Bar next() { return read(); }

    @Override
    Bar parseRow() {
        Fields f = fields;
        f.require(CLOSE);
        long wall = f.epochDay(DATE) * 86_400_000L + f.millisOfDay(TIME);
        long time = clock.toUtc(wall);
        double o = f.price(OPEN), h = f.price(HIGH), l = f.price(LOW), c = f.price(CLOSE);
        CsvBarReader.checkOhlc(o, h, l, c, OPEN);
        if (time <= prevTime) {
            throw new Fields.RowError(BadRowReason.TIME_BACKWARDS, TIME, "bar time " + f.text(DATE) + " " + f.text(TIME)
                    + " is not after the previous bar's (" + DelimitedReader.wallText(prevWall) + ", server time " + clock + ")");
        }
        long tickVolume = f.integer(TICKVOL);
        long spread = f.integer(SPREAD);
        prevTime = time;
        prevWall = wall;
        return new Bar(symbol, timeframe, time, o, h, l, c, tickVolume, (int) Math.min(spread, Integer.MAX_VALUE));
    }
}
