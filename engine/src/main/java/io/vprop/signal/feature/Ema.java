package io.vprop.signal.feature;

/**
 * Exponential moving average, seeded with the first value (as ta4j does), multiplier 2/(n+1).
 * {@link #wilder(int)} gives Wilder's smoothing (multiplier 1/n) used by ATR.
 */
final class Ema {
    private final double k;
    private double value = Double.NaN;
    private double previous = Double.NaN;
    private long count;

    private Ema(double k) { this.k = k; }

    public static Ema of(int period) {
        if (period < 1) throw new IllegalArgumentException("EMA period must be >= 1, was " + period);
        return new Ema(2.0 / (period + 1));
    }

    public static Ema wilder(int period) {
        if (period < 1) throw new IllegalArgumentException("Wilder period must be >= 1, was " + period);
        return new Ema(1.0 / period);
    }

    public double update(double x) {
        previous = value;
        value = count++ == 0 ? x : value + k * (x - value);
        return value;
    }

    public double value() { return value; }

    /** Value before the last update (NaN until two updates). */
    public double previous() { return previous; }

    public long count() { return count; }
}
