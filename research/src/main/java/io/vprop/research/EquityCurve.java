package io.vprop.research;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * An equity curve as a run records it: times, balances and equities in arrays, an immutable list of
 * {@link EquityPoint}s made as they are read. A backtest samples at almost every bar, tens of thousands of points a
 * walk-forward unit; as objects made while the run goes they would lie scattered among the quotes' garbage, and the
 * daily series read afterwards ({@code DailySeries.fromEquity}) would miss the cache at every point. Equal to any list
 * of the same points ({@link java.util.List#equals}); {@link #get} makes a new point each time.
 */
public final class EquityCurve extends AbstractList<EquityPoint> implements RandomAccess {
    private final long[] times;              // (the recorder's arrays, handed over: only the first size are points)
    private final double[] balances, equities;
    private final int size;

    private EquityCurve(long[] times, double[] balances, double[] equities, int size) {
        this.times = times;
        this.balances = balances;
        this.equities = equities;
        this.size = size;
    }

    @Override public EquityPoint get(int i) {
        Objects.checkIndex(i, size);
        return new EquityPoint(times[i], balances[i], equities[i]);
    }

    @Override public int size() { return size; }

    /** {@code get(i).timeMs()} without the point. */
    public long timeMs(int i) { return times[Objects.checkIndex(i, size)]; }

    /** {@code get(i).equity()} without the point. */
    public double equity(int i) { return equities[Objects.checkIndex(i, size)]; }

    /** Records a curve point by point. Not thread-safe. */
    public static final class Recorder {
        private long[] times = new long[1024];
        private double[] balances = new double[1024], equities = new double[1024];
        private int size;

        public boolean isEmpty() { return size == 0; }

        /** Adds a point unless it is the last one again (the same instant, balance and equity). */
        public void sample(long timeMs, double balance, double equity) {
            int last = size - 1;
            if (last >= 0 && times[last] == timeMs && Double.compare(balances[last], balance) == 0
                    && Double.compare(equities[last], equity) == 0) return;
            if (size == times.length) {
                times = Arrays.copyOf(times, 2 * size);
                balances = Arrays.copyOf(balances, 2 * size);
                equities = Arrays.copyOf(equities, 2 * size);
            }
            times[size] = timeMs;
            balances[size] = balance;
            equities[size++] = equity;
        }

        /**
         * The points so far as an immutable curve, and the recorder empty again: its arrays go with the curve (a run
         * takes its curve once, at its end; tens of thousands of points are not copied again).
         */
        public EquityCurve take() {
            EquityCurve c = new EquityCurve(times, balances, equities, size);
            times = new long[1024];
            balances = new double[1024];
            equities = new double[1024];
            size = 0;
            return c;
        }
    }
}
