package io.vprop.signal.regime;

import io.vprop.signal.feature.BarFeatures;

/**
 * Classifies one symbol's regime from its primary-timeframe bar features, with smoothing so the regime does not flap:
 * <ul>
 *   <li>volatility level from the ratio of short realised vol (50 bars) to long-run vol: &lt; lowRatio low,
 *       &gt; highRatio high, else normal;</li>
 *   <li>trend vs range from the 20-bar efficiency ratio with hysteresis (enter trend above trendEnter, leave below
 *       trendExit);</li>
 *   <li>a new regime becomes current only after it has been observed on {@code confirmBars} consecutive bars.</li>
 * </ul>
 */
public final class RegimeDetector {
    private final double lowRatio, highRatio, trendEnter, trendExit;
    private final int confirmBars;
    private Regime current = Regime.NORMAL_RANGE;
    private Regime pending = Regime.NORMAL_RANGE;
    private int pendingCount;
    private boolean trending;
    private long transitions;

    public RegimeDetector(double lowRatio, double highRatio, double trendEnter, double trendExit, int confirmBars) {
        if (!(lowRatio > 0 && lowRatio < highRatio))
            throw new IllegalArgumentException("need 0 < lowRatio < highRatio, got " + lowRatio + ", " + highRatio);
        if (!(trendExit <= trendEnter))
            throw new IllegalArgumentException("need trendExit <= trendEnter, got " + trendExit + ", " + trendEnter);
        if (confirmBars < 1) throw new IllegalArgumentException("confirmBars must be >= 1, was " + confirmBars);
        this.lowRatio = lowRatio;
        this.highRatio = highRatio;
        this.trendEnter = trendEnter;
        this.trendExit = trendExit;
        this.confirmBars = confirmBars;
    }

    public static RegimeDetector defaults() { return new RegimeDetector(0.75, 1.35, 0.35, 0.25, 3); }

    /** Call after each closed bar of the primary timeframe. */
    public Regime update(BarFeatures f) {
        double shortVol = f.realizedVol(), longVol = f.longRunVol();
        if (Double.isNaN(shortVol) || !(longVol > 0)) return current;
        return observe(shortVol / longVol, f.efficiencyRatio());
    }

    /** The classification step on raw inputs (exposed for tests). */
    public Regime observe(double volRatio, double efficiencyRatio) {
        int level = volRatio < lowRatio ? 0 : (volRatio > highRatio ? 2 : 1);
        trending = trending ? efficiencyRatio >= trendExit : efficiencyRatio > trendEnter;
        Regime raw = Regime.of(level, trending);
        if (raw == current) {
            pendingCount = 0;
            pending = current;
        } else if (raw == pending) {
            if (++pendingCount >= confirmBars) {
                current = raw;
                pendingCount = 0;
                transitions++;
            }
        } else {
            pending = raw;
            pendingCount = 1;
            if (confirmBars == 1) { current = raw; pendingCount = 0; transitions++; }
        }
        return current;
    }

    public Regime current() { return current; }

    public long transitions() { return transitions; }
}
