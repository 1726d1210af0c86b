package io.vprop.market;

import java.util.Arrays;
import java.util.function.BooleanSupplier;

/**
 * One symbol and timeframe's bars in time order, kept as primitives in one array (each bar's fields side by side)
 * instead of one {@link Bar} object each. A consumer that runs over many series at once (the backtester's bar feed:
 * two dozen of them, a few hundred thousand bars) reads the next bar's time and prices from arrays the processor
 * streams, where the next of a few hundred thousand objects would often be a cache miss; a {@link Bar} is made only
 * for the one handed on ({@link #bar}), equal to the bar stored. Immutable: a series may be shared by every thread.
 */
public final class BarSeries {
    /**
     * Longs a bar: open time, open, high, low, close (their bits), tick volume, spread. One array, a bar's fields side
     * by side: a reader of two dozen series streams two dozen runs of memory, where a column per field would be a
     * hundred (more than the processor's prefetchers follow).
     */
    private static final int STRIDE = 7;
    private final String symbol;
    private final Timeframe timeframe;
    private final long[] data;
    private final long[] openTimes;      // (again, apart: the binary search of a period's bounds)

    private BarSeries(String symbol, Timeframe timeframe, int n) {
        this.symbol = symbol;
        this.timeframe = timeframe;
        this.data = new long[STRIDE * n];
        this.openTimes = new long[n];
    }

    /**
     * The bars as a series. They must be one symbol's at one timeframe (the symbol and timeframe of a series with no
     * bar are those given, and those of the bars must match them when not null) with rising open times.
     */
    public static BarSeries of(String symbol, Timeframe timeframe, Bar[] bars) {
        if (bars.length > 0) {
            if (symbol == null) symbol = bars[0].symbol();
            if (timeframe == null) timeframe = bars[0].timeframe();
        }
        if (symbol == null || timeframe == null) throw new IllegalArgumentException("a series of no bar needs its symbol and timeframe");
        BarSeries s = new BarSeries(symbol, timeframe, bars.length);
        for (int i = 0; i < bars.length; i++) {
            Bar b = bars[i];
            if (!b.symbol().equals(symbol) || b.timeframe() != timeframe)
                throw new IllegalArgumentException("a series holds one symbol at one timeframe: " + symbol + " " + timeframe
                        + ", bar " + i + " is " + b.symbol() + " " + b.timeframe());
            if (i > 0 && b.openTimeMs() <= s.openTimes[i - 1])
                throw new IllegalArgumentException(symbol + " " + timeframe + ": bars are not in time order at bar " + i);
            s.openTimes[i] = b.openTimeMs();
            int p = STRIDE * i;
            s.data[p] = b.openTimeMs();
            s.data[p + 1] = Double.doubleToRawLongBits(b.open());
            s.data[p + 2] = Double.doubleToRawLongBits(b.high());
            s.data[p + 3] = Double.doubleToRawLongBits(b.low());
            s.data[p + 4] = Double.doubleToRawLongBits(b.close());
            s.data[p + 5] = b.tickVolume();
            s.data[p + 6] = b.spread();
        }
        return s;
    }

    /** {@link #of(String, Timeframe, Bar[])} of bars that are not empty. */
    public static BarSeries of(Bar[] bars) {
        if (bars.length == 0) throw new IllegalArgumentException("no bars: name the series' symbol and timeframe");
        return of(null, null, bars);
    }

    public String symbol() { return symbol; }

    public Timeframe timeframe() { return timeframe; }

    public int size() { return openTimes.length; }

    public long openTimeMs(int i) { return data[STRIDE * i]; }

    public double open(int i) { return Double.longBitsToDouble(data[STRIDE * i + 1]); }

    public double high(int i) { return Double.longBitsToDouble(data[STRIDE * i + 2]); }

    public double low(int i) { return Double.longBitsToDouble(data[STRIDE * i + 3]); }

    public double close(int i) { return Double.longBitsToDouble(data[STRIDE * i + 4]); }

    public long tickVolume(int i) { return data[STRIDE * i + 5]; }

    public int spread(int i) { return (int) data[STRIDE * i + 6]; }

    /** Bar {@code i} as a {@link Bar}: a new object, equal to the one the series was made of. */
    public Bar bar(int i) {
        return new Bar(symbol, timeframe, openTimeMs(i), open(i), high(i), low(i), close(i), tickVolume(i), spread(i));
    }

    /** Index of the first bar opening at or after {@code ms} ({@link #size()} when none). */
    public int firstAtOrAfter(long ms) {
        int i = Arrays.binarySearch(openTimes, ms);
        return i >= 0 ? i : -i - 1;                                 // (open times are distinct)
    }

    /** Every bar, in order. */
    public Cursor cursor() { return new Cursor(this, 0, size()); }

    /** The bars opening at or after {@code fromMs} and before {@code toMs}, in order. */
    public Cursor cursor(long fromMs, long toMs) {
        int from = firstAtOrAfter(fromMs);
        return new Cursor(this, from, Math.max(from, firstAtOrAfter(toMs)));
    }

    /**
     * The bars {@code from} (inclusive) to {@code end} (exclusive) as a {@link BarSource}, possibly ending early
     * ({@link #endingWhen}). A reader that knows the series ({@link #series}, {@link #position}, {@link #end},
     * {@link #endsBefore}) may read the array instead (the backtester's bar feed takes the cursor's range over and
     * reads bar by bar from there).
     */
    public static final class Cursor implements BarSource {
        private final BarSeries series;
        private final int end;
        private final long stopFromMs;
        private final BooleanSupplier stop;
        private int next;

        Cursor(BarSeries series, int from, int end) {
            this(series, from, end, Long.MAX_VALUE, null);
        }

        private Cursor(BarSeries series, int from, int end, long stopFromMs, BooleanSupplier stop) {
            if (from < 0 || from > end || end > series.size())
                throw new IllegalArgumentException("bars " + from + " to " + end + " of a series of " + series.size());
            this.series = series;
            this.next = from;
            this.end = end;
            this.stopFromMs = stopFromMs;
            this.stop = stop;
        }

        /**
         * The same bars, but for those from the first one due that opens at or after {@code fromMs} when
         * {@code condition} then says so: the cursor ends there. The condition is asked as each such bar is due, before
         * it is given: a walk-forward unit ends once nothing can happen any more (no entry may open, nothing is open).
         */
        public Cursor endingWhen(long fromMs, BooleanSupplier condition) {
            if (condition == null) throw new IllegalArgumentException("an ending condition is required");
            return new Cursor(series, next, end, fromMs, condition);
        }

        @Override
        public Bar next() {
            if (endsBefore(next)) {
                next = end;
                return null;
            }
            return series.bar(next++);
        }

        /**
         * Whether this cursor's bars end before bar {@code i} of the series (for {@code i} from {@link #position} on, in
         * order): past {@link #end}, or the ending condition holds as that bar is due.
         */
        public boolean endsBefore(int i) {
            return i >= end || stop != null && series.openTimeMs(i) >= stopFromMs && stop.getAsBoolean();
        }

        /** Whether this cursor may end before {@link #end} ({@link #endingWhen}). */
        public boolean endsEarly() { return stop != null; }

        public BarSeries series() { return series; }

        /** The index of the bar {@link #next()} gives next. */
        public int position() { return next; }

        /** The index after the last bar this cursor gives (it may end before: {@link #endsBefore}). */
        public int end() { return end; }
    }
}
