package io.vprop.research.testrunner;

import io.vprop.market.Bar;
import io.vprop.market.BarSource;
import io.vprop.market.Timeframe;

import java.util.Arrays;

/**
 * One symbol's bars as arrays, with prefix sums of the close and of the true range so that a simple moving average
 * or an average true range over any window costs O(1): the sweep asks for thousands of parameter sets on the same
 * bars. Read-only once built, shared by all threads.
 */
final class BarSeries {
    final String symbol;
    final Timeframe timeframe;
    final long[] openMs;
    final double[] open, high, low, close;
    private final double[] closeSum; // closeSum[i] = close[0] + … + close[i-1]
    private final double[] trSum;    // same for the true range

    private BarSeries(String symbol, Timeframe tf, long[] t, double[] o, double[] h, double[] l, double[] c) {
        this.symbol = symbol;
        this.timeframe = tf;
        this.openMs = t;
        this.open = o;
        this.high = h;
        this.low = l;
        this.close = c;
        closeSum = new double[c.length + 1];
        trSum = new double[c.length + 1];
        for (int i = 0; i < c.length; i++) {
            closeSum[i + 1] = closeSum[i] + c[i];
            double tr = i == 0 ? h[i] - l[i]
                    : Math.max(h[i], c[i - 1]) - Math.min(l[i], c[i - 1]);
            trSum[i + 1] = trSum[i] + tr;
        }
    }

    static BarSeries read(String symbol, Timeframe tf, BarSource source) {
        int n = 0, cap = 1 << 15;
        long[] t = new long[cap];
        double[] o = new double[cap], h = new double[cap], l = new double[cap], c = new double[cap];
        try (source) {
            for (Bar b; (b = source.next()) != null; n++) {
                if (n == t.length) {
                    cap *= 2;
                    t = Arrays.copyOf(t, cap);
                    o = Arrays.copyOf(o, cap);
                    h = Arrays.copyOf(h, cap);
                    l = Arrays.copyOf(l, cap);
                    c = Arrays.copyOf(c, cap);
                }
                if (n > 0 && b.openTimeMs() <= t[n - 1]) {
                    throw new IllegalArgumentException(symbol + " bars are not in time order at bar " + n);
                }
                t[n] = b.openTimeMs();
                o[n] = b.open();
                h[n] = b.high();
                l[n] = b.low();
                c[n] = b.close();
            }
        }
        if (n == 0) throw new IllegalArgumentException("no " + symbol + " " + tf + " bars");
        return new BarSeries(symbol, tf, Arrays.copyOf(t, n), Arrays.copyOf(o, n), Arrays.copyOf(h, n),
                Arrays.copyOf(l, n), Arrays.copyOf(c, n));
    }

    int size() { return openMs.length; }

    long closeMs(int i) { return openMs[i] + timeframe.millis(); }

    /** Mean close of the {@code n} bars ending at {@code i} (inclusive). */
    double sma(int i, int n) {
        return (closeSum[i + 1] - closeSum[i + 1 - n]) / n;
    }

    /** Mean true range of the {@code n} bars ending at {@code i} (inclusive). */
    double atr(int i, int n) {
        return (trSum[i + 1] - trSum[i + 1 - n]) / n;
    }

    /** Index of the first bar opening at or after {@code ms} (size() when none). */
    int firstAtOrAfter(long ms) {
        int i = Arrays.binarySearch(openMs, ms);
        return i >= 0 ? i : -i - 1;
    }

    /** The close of the last bar that closed at or before {@code ms}, or the first bar's open before any closed. */
    double lastPrice(long ms) {
        int i = firstAtOrAfter(ms - timeframe.millis() + 1) - 1; // bars with openMs + tf <= ms
        return i >= 0 ? close[i] : open[0];
    }
}
