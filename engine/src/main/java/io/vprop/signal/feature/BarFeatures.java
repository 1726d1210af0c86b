package io.vprop.signal.feature;

/**
 * Every bar-level feature of one symbol on one timeframe, updated in O(1) per closed bar without allocation:
 * log return, realised volatility (short window and long EWMA), ATR (Wilder), fast/slow EMA and the fast EMA's slope,
 * z-score of the close, Bollinger band width, Donchian levels of the previous bars, efficiency ratio, lag-1 return
 * autocorrelation, Hurst exponent and Amihud illiquidity.
 */
public final class BarFeatures {
    public static final int BOLLINGER_PERIOD = 20;
    public static final double BOLLINGER_K = 2.0;

    private final Ema emaFast = Ema.of(12);
    private final Ema emaSlow = Ema.of(26);
    private final Ema atr = Ema.wilder(14);
    private final RollingWindow closes = new RollingWindow(BOLLINGER_PERIOD);
    private final RollingWindow returns = new RollingWindow(50);
    private final RollingWindow absMoves = new RollingWindow(20);
    private final RollingWindow erCloses = new RollingWindow(21);
    private final RollingWindow amihud = new RollingWindow(50);
    private final RollingCovariance autocorr = new RollingCovariance(50);
    private final HurstEstimator hurst = new HurstEstimator(64, 4);
    private final RollingExtremes donchian = new RollingExtremes(20);
    private double longVar = Double.NaN;
    private static final double LONG_VAR_ALPHA = 1.0 / 500;

    private long bars;
    private long lastOpenTimeMs = Long.MIN_VALUE;
    private double close = Double.NaN;
    private double lastReturn = Double.NaN;
    private double prevDonchianHigh = Double.NaN;
    private double prevDonchianLow = Double.NaN;

    /**
     * @param volume tick volume of the bar (0 when unknown, then Amihud is not updated)
     */
    public void update(long openTimeMs, double open, double high, double low, double close, double volume) {
        double prevClose = this.close;
        double tr = bars == 0 ? high - low
                : Math.max(high - low, Math.max(Math.abs(high - prevClose), Math.abs(prevClose - low)));
        atr.update(tr);
        emaFast.update(close);
        emaSlow.update(close);
        closes.add(close);
        // Donchian levels of the bars BEFORE this one: a breakout compares the new close with them.
        prevDonchianHigh = donchian.max();
        prevDonchianLow = donchian.min();
        donchian.add(high, low);
        if (bars > 0) {
            double r = Math.log(close / prevClose);
            if (!Double.isNaN(lastReturn)) autocorr.add(lastReturn, r);
            lastReturn = r;
            returns.add(r);
            hurst.add(r);
            absMoves.add(Math.abs(close - prevClose));
            // running mean until 1/alpha returns, EWMA after: no start-up bias towards the first return
            double a = Math.max(1.0 / bars, LONG_VAR_ALPHA);
            longVar = Double.isNaN(longVar) ? r * r : longVar + a * (r * r - longVar);
            if (volume > 0) amihud.add(Math.abs(r) / volume);
        }
        erCloses.add(close);
        this.close = close;
        this.lastOpenTimeMs = openTimeMs;
        bars++;
    }

    public long bars() { return bars; }

    public long lastOpenTimeMs() { return lastOpenTimeMs; }

    public double close() { return close; }

    public double lastReturn() { return lastReturn; }

    public double emaFast() { return emaFast.value(); }

    public double emaSlow() { return emaSlow.value(); }

    /** Change of the fast EMA over the last bar, in ATRs. */
    public double emaSlopeAtr() {
        double a = atr.value();
        if (!(a > 0) || Double.isNaN(emaFast.previous())) return 0.0;
        return (emaFast.value() - emaFast.previous()) / a;
    }

    public double atr() { return atr.value(); }

    public double sma() { return closes.mean(); }

    public double closeStd() { return closes.std(); }

    /** (close − SMA20) / σ20 of closes; 0 when σ is 0. */
    public double zScore() { return zScore(close); }

    /** z-score of an arbitrary price (e.g. the live mid) against the close window. */
    public double zScore(double price) {
        double sd = closes.std();
        return sd > 0 ? (price - closes.mean()) / sd : 0.0;
    }

    /** Bollinger band width in percent of the middle band: (upper − lower) / middle × 100, as ta4j defines it. */
    public double bollingerWidth() {
        double m = closes.mean();
        return m > 0 ? 2 * BOLLINGER_K * closes.std() / m * 100 : Double.NaN;
    }

    /** Standard deviation of the last 50 log returns (per bar). */
    public double realizedVol() { return returns.count() >= 2 ? returns.std() : Double.NaN; }

    /** Long-run per-bar volatility (EWMA of squared returns, half-life ≈ 350 bars). */
    public double longRunVol() { return Math.sqrt(longVar); }

    public double donchianHigh() { return prevDonchianHigh; }

    public double donchianLow() { return prevDonchianLow; }

    /** Kaufman efficiency ratio over 20 bars: |net move| / path length, in [0, 1]. */
    public double efficiencyRatio() {
        if (erCloses.count() < erCloses.capacity() || absMoves.sum() <= 0) return 0.0;
        double er = Math.abs(close - erCloses.oldestInWindow()) / absMoves.sum();
        return er > 1 ? 1 : er;
    }

    public double autocorrelation() { return autocorr.count() >= 10 ? autocorr.correlation() : Double.NaN; }

    public double hurst() { return hurst.value(); }

    /** Amihud illiquidity: mean |return| per unit of volume. NaN while the feed has no volume. */
    public double amihud() { return amihud.count() == 0 ? Double.NaN : amihud.mean(); }
}
