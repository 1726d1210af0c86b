package io.vprop.market.io;

import io.vprop.market.Tick;
import io.vprop.market.TickSource;

/**
 * Streams an MT5 "Export ticks" file ({@code <DATE> <TIME> <BID> <ASK> <LAST> <VOLUME> <FLAGS>}, tab separated).
 * An empty BID or ASK carries the previous row's value (MT5 writes only the side that changed); the first row
 * must have both. Empty LAST/VOLUME/FLAGS read as 0. Rejects non-numbers, non-positive prices, ask below bid and
 * time going backwards (equal times are fine: several ticks can share a millisecond).
 */
public final class Mt5TickReader extends DelimitedReader<Tick> implements TickSource {
    static final String[] COLUMNS = {"<DATE>", "<TIME>", "<BID>", "<ASK>", "<LAST>", "<VOLUME>", "<FLAGS>"};
    private static final int DATE = 0, TIME = 1, BID = 2, ASK = 3, LAST = 4, VOLUME = 5, FLAGS = 6;

    private final String symbol;
    private final ServerClock clock;
    private double bid = Double.NaN, ask = Double.NaN;
    private long prevTime = Long.MIN_VALUE, prevWall;
    // the date column changes once a day: cache its parse
    private long cachedDayKey = -1, cachedDayMs;

    Mt5TickReader(LineReader lines, String fileName, String symbol, ServerClock clock, ParseMode mode) {
        super(lines, fileName, COLUMNS, (byte) '\t', mode);
        this.symbol = symbol;
        this.clock = clock;
    }

    @Override
    public Tick next() { return read(); }

    @Override
    Tick parseRow() {
        Fields f = fields;
        f.require(ASK);
        long wall = dayMs() + f.millisOfDay(TIME);
        long time = clock.toUtc(wall);
        double b = f.isEmpty(BID) ? bid : f.price(BID);
        double a = f.isEmpty(ASK) ? ask : f.price(ASK);
        if (Double.isNaN(b) || Double.isNaN(a)) {
            throw new Fields.RowError(BadRowReason.MISSING_FIELD, Double.isNaN(b) ? BID : ASK,
                    "first quote needs both <BID> and <ASK> (got '" + f.text(BID) + "' and '" + f.text(ASK) + "')");
        }
        if (a < b) {
            throw new Fields.RowError(BadRowReason.CROSSED, ASK, "crossed quote: <ASK> " + a + " is below <BID> " + b);
        }
        if (time < prevTime) {
            throw new Fields.RowError(BadRowReason.TIME_BACKWARDS, TIME, "time " + f.text(DATE) + " " + f.text(TIME)
                    + " is before the previous row's (" + DelimitedReader.wallText(prevWall) + ", server time " + clock + ")");
        }
        double last = f.quantity(LAST);
        double volume = f.quantity(VOLUME);
        int flags = (int) f.integer(FLAGS);
        bid = b;
        ask = a;
        prevTime = time;
        prevWall = wall;
        return new Tick(symbol, time, b, a, last, volume, flags);
    }

    private long dayMs() {
        Fields f = fields;
        f.require(DATE);
        int i = f.from[DATE], e = f.to[DATE];
        // pack the 10 date bytes' digits into a key to avoid re-parsing the same date every row
        long key = 0;
        if (e - i == 10) {
            for (int k = i; k < e; k++) {
                int c = f.buf[k] - '-'; // '-' .. '9' map to 0..12: injective in base 16
                if (c < 0 || c > 12) { key = 0; break; }
                key = (key << 4) | c;
            }
        }
        if (key != 0 && key == cachedDayKey) return cachedDayMs;
        long ms = f.epochDay(DATE) * 86_400_000L;
        cachedDayKey = key;
        cachedDayMs = ms;
        return ms;
    }
}
