package io.vprop.research.backtest;

import io.vprop.research.EquityPoint;

import java.util.Arrays;
import java.util.List;

/**
 * A run's equity curve while it is recorded: times, balances and equities in arrays, made into {@link EquityPoint}s
 * once at the end. A run samples at almost every bar; points made as it goes would lie scattered among the quotes'
 * garbage, and whoever reads the curve afterwards (a walk-forward's daily series, tens of thousands of points per
 * unit) would miss the cache at every point. Made at the end, they lie one after the other.
 */
final class EquityCurve {
    private long[] times = new long[1024];
    private double[] balances = new double[1024], equities = new double[1024];
    private int size;

    boolean isEmpty() { return size == 0; }

    /** Adds a point unless it is the last one again (same instant, balance and equity). */
    void sample(long timeMs, double balance, double equity) {
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

    /** The points in time order (an immutable list, as {@code BacktestResult} keeps it). */
    List<EquityPoint> points() {
        EquityPoint[] out = new EquityPoint[size];
        for (int i = 0; i < size; i++) out[i] = new EquityPoint(times[i], balances[i], equities[i]);
        return List.of(out);
    }
}
