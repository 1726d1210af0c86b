package io.vprop.market;

import java.util.Arrays;

/**
 * One symbol and timeframe's bars in time order, kept as columns of primitives (open times, then open, high, low and
 * close side by side per bar, tick volumes, spreads) instead of one {@link Bar} object each. A consumer that runs over
 * many series at once (the backtester's bar feed: two dozen of them, a few hundred thousand bars) reads the next bar's
 * time and prices from arrays the processor streams, where the next of a few hundred thousand scattered objects
 * would be a cache miss; a {@link Bar} is made only for the one handed on ({@link #bar}), equal to the bar stored.
 * Immutable: a series may be shared by every thread.
 */
public final class BarSeries {
    private final String symbol;
    private final Timeframe timeframe;
    private final long[] openTimes;
    /** open, high, low, close of bar i at 4i … 4i+3: the prices a consumer reads together, on one or two cache lines. */
    private final double[] prices;
    private final long[] tickVolumes;
    private final int[] spreads;

    private BarSeries(String symbol, Timeframe timeframe, int n) {
        this.symbol = symbol;
        this.timeframe = timeframe;
        this.openTimes = new long[n];
        this.prices = new double[4 * n];
        this.tickVolumes = new long[n];
        this.spreads = new int[n];
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
            s.prices[4 * i] = b.open();
            s.prices[4 * i + 1] = b.high();
            s.prices[4 * i + 2] = b.low();
            s.prices[4 * i + 3] = b.close();
            s.tickVolumes[i] = b.tickVolume();
            s.spreads[i] = b.spread();
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

    public long openTimeMs(int i) { return openTimes[i]; }

    public double open(int i) { return prices[4 * i]; }

    public double high(int i) { return prices[4 * i + 1]; }

    public double low(int i) { return prices[4 * i + 2]; }

    public double close(int i) { return prices[4 * i + 3]; }

    public long tickVolume(int i) { return tickVolumes[i]; }

    public int spread(int i) { return spreads[i]; }

    /** Bar {@code i} as a {@link Bar}: a new object, equal to the one the series was made of. */
    public Bar bar(int i) {
        int p = 4 * i;
        return new Bar(symbol, timeframe, openTimes[i], prices[p], prices[p + 1], prices[p + 2], prices[p + 3],
                tickVolumes[i], spreads[i]);
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
     * The bars {@code from} (inclusive) to {@code end} (exclusive) as a {@link BarSource}. A reader that knows the
     * series ({@link #series}, {@link #position}, {@link #end}) may read the columns instead (the backtester's bar feed
     * takes the cursor's range over and reads bar by bar from there).
     */
    public static final class Cursor implements BarSource {
        private final BarSeries series;
        private final int end;
        private int next;

        Cursor(BarSeries series, int from, int end) {
            if (from < 0 || from > end || end > series.size())
                throw new IllegalArgumentException("bars " + from + " to " + end + " of a series of " + series.size());
            this.series = series;
            this.next = from;
            this.end = end;
        }

        @Override
        public Bar next() { return next < end ? series.bar(next++) : null; }

        public BarSeries series() { return series; }

        /** The index of the bar {@link #next()} gives next. */
        public int position() { return next; }

        /** The index after the last bar this cursor gives. */
        public int end() { return end; }
    }
}
