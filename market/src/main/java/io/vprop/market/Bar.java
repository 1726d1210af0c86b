package io.vprop.market;

/**
 * A closed bar. Prices are bid prices, as MT5 charts them.
 *
 * @param openTimeMs UTC epoch ms of the bar's open (MT5 stamps bars with their open time)
 * @param tickVolume number of ticks in the bar
 * @param spread     spread at the bar's close, in points
 */
public record Bar(String symbol, Timeframe timeframe, long openTimeMs,
                  double open, double high, double low, double close,
                  long tickVolume, int spread) {
    /**
     * Whether this bar's high is assumed to come before its low on a four-point intrabar path: the extreme nearer the
     * open first (the shorter way round); on a tie a bullish or flat bar dips first and a bearish bar rallies first.
     * The one rule for the paper terminal's bar replay and the backtester's bar path, so both read a bar alike.
     */
    public boolean highFirst() {
        return highFirst(open, high, low, close);
    }

    /** {@link #highFirst()} of a bar with these prices (a reader of {@link BarSeries} has no {@code Bar} at hand). */
    public static boolean highFirst(double open, double high, double low, double close) {
        double up = high - open, down = open - low;
        // equal distances in price are not always equal in binary (1.10050 − 1.10000 ≠ 1.10000 − 1.09950 as doubles):
        // within a billionth of the price they are a tie, so the tie rule decides and not rounding noise
        if (Math.abs(up - down) > 1e-9 * Math.abs(open)) return up < down;
        return close < open;
    }
}
