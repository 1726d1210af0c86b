package io.vprop.signal.feature;

/**
 * Quote-level features of one symbol, updated per accepted tick in O(1) without allocation: spread statistics,
 * tick intensity, order-flow imbalance (Cont–Kukanov–Stoikov from L1 moves, unit size when the feed has no sizes),
 * tick-rule trade sign, VPIN, Kyle's lambda (price impact per unit of signed volume) and mid returns.
 * Quote imbalance and microprice need book sizes; MT5 ticks carry none, so they are not computed (documented).
 */
public final class TickFeatures {
    private final double point;
    private final SpreadStats spread;
    private final RollingWindow ofi = new RollingWindow(200);
    private final Vpin vpin = new Vpin(50, 50);
    private final RollingCovariance kyle = new RollingCovariance(300);
    private final double intensityTauMs;

    private long ticks;
    private long lastTimeMs = Long.MIN_VALUE;
    private double bid = Double.NaN, ask = Double.NaN, mid = Double.NaN;
    private int lastSign;
    private int lastSpreadPoints;
    private double intensity; // ticks per second, exponentially decayed

    public TickFeatures(double point, int spreadWindow, double intensityTauSeconds) {
        if (!(point > 0)) throw new IllegalArgumentException("point must be > 0, was " + point);
        this.point = point;
        this.spread = new SpreadStats(spreadWindow, 2000);
        this.intensityTauMs = intensityTauSeconds * 1000.0;
    }

    /** Caller guarantees a validated quote (finite, positive, bid &lt; ask, time not going backwards). */
    public void update(long timeMs, double bid, double ask, double volume) {
        double newMid = 0.5 * (bid + ask);
        double v = volume > 0 ? volume : 1.0;
        int points = (int) Math.round((ask - bid) / point);
        lastSpreadPoints = Math.max(points, 1);
        spread.add(lastSpreadPoints);
        if (ticks > 0) {
            double e = 0;
            if (bid > this.bid) e += v; else if (bid < this.bid) e -= v;
            if (ask < this.ask) e -= v; else if (ask > this.ask) e += v;
            ofi.add(e);
            double dMid = newMid - mid;
            int sign = dMid > 0 ? 1 : (dMid < 0 ? -1 : lastSign);
            lastSign = sign;
            vpin.add(v, sign);
            kyle.add(sign * v, dMid / point);
            double dt = timeMs - lastTimeMs;
            intensity = intensity * Math.exp(-dt / intensityTauMs) + 1000.0 / intensityTauMs;
        } else {
            intensity = 1000.0 / intensityTauMs;
        }
        this.bid = bid;
        this.ask = ask;
        this.mid = newMid;
        this.lastTimeMs = timeMs;
        ticks++;
    }

    public long ticks() { return ticks; }

    public long lastTimeMs() { return lastTimeMs; }

    public double bid() { return bid; }

    public double ask() { return ask; }

    public double mid() { return mid; }

    public double point() { return point; }

    public int spreadPoints() { return lastSpreadPoints; }

    public SpreadStats spread() { return spread; }

    /** Ticks per second, exponentially weighted with the configured time constant. */
    public double tickIntensity() { return intensity; }

    /** Order-flow imbalance over the last 200 quote events, normalised to [-1, 1] (per event ±2 at most). */
    public double orderFlowImbalance() {
        return ofi.count() == 0 ? 0.0 : ofi.mean() / 2.0;
    }

    public double vpin() { return vpin.value(); }

    /** Kyle's lambda: regression slope of the mid change (points) on signed volume. NaN until 30 pairs. */
    public double kyleLambda() { return kyle.count() >= 30 ? kyle.slope() : Double.NaN; }

    /** Last tick-rule sign: +1 uptick, −1 downtick (carried over unchanged quotes). */
    public int tickSign() { return lastSign; }
}
