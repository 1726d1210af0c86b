package io.vprop.signal.feature;

import java.util.Arrays;

/**
 * Rolling cross-symbol statistics on one timeframe, fed with closed-bar log returns aligned by bar open time:
 * contemporaneous correlation ρ(i, j), lead-lag correlation of r_j(t−1) with r_i(t), and the z-score of the log-price
 * spread ln p_i − ln p_j (pairs trading). Work per closed bar is O(number of symbols); no allocation after
 * construction. Symbols are dense int ids.
 */
public final class CrossSymbolCorrelation {
    private final int n;
    private final long barMillis;
    private final RollingCovariance[] contemporaneous; // [min*n+max]
    private final RollingCovariance[] leadLag;         // [leader*n+follower]
    private final RollingWindow[] spreads;             // [min*n+max]: ln p_min − ln p_max
    private final long[] lastTime, prevTime;
    private final double[] lastRet, prevRet, lastLogClose;

    public CrossSymbolCorrelation(int symbols, long barMillis, int window) {
        if (symbols < 1) throw new IllegalArgumentException("symbols must be >= 1, was " + symbols);
        this.n = symbols;
        this.barMillis = barMillis;
        contemporaneous = new RollingCovariance[n * n];
        leadLag = new RollingCovariance[n * n];
        spreads = new RollingWindow[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) {
                if (i == j) continue;
                leadLag[i * n + j] = new RollingCovariance(window);
                if (i < j) {
                    contemporaneous[i * n + j] = new RollingCovariance(window);
                    spreads[i * n + j] = new RollingWindow(window);
                }
            }
        lastTime = new long[n];
        prevTime = new long[n];
        Arrays.fill(lastTime, Long.MIN_VALUE);
        Arrays.fill(prevTime, Long.MIN_VALUE);
        lastRet = new double[n];
        prevRet = new double[n];
        lastLogClose = new double[n];
    }

    public int symbols() { return n; }

    public void onBar(int i, long openTimeMs, double logReturn, double close) {
        prevTime[i] = lastTime[i];
        prevRet[i] = lastRet[i];
        lastTime[i] = openTimeMs;
        lastRet[i] = logReturn;
        lastLogClose[i] = Math.log(close);
        long previousBar = openTimeMs - barMillis;
        for (int j = 0; j < n; j++) {
            if (j == i) continue;
            if (lastTime[j] == openTimeMs) {
                int lo = Math.min(i, j), hi = Math.max(i, j);
                contemporaneous[lo * n + hi].add(lastRet[lo], lastRet[hi]);
                spreads[lo * n + hi].add(lastLogClose[lo] - lastLogClose[hi]);
            }
            double leaderRet = lastTime[j] == previousBar ? lastRet[j]
                    : (prevTime[j] == previousBar && lastTime[j] == openTimeMs ? prevRet[j] : Double.NaN);
            if (!Double.isNaN(leaderRet)) leadLag[j * n + i].add(leaderRet, logReturn);
        }
    }

    /** ρ(i, j) of bar returns; 0 until 20 aligned pairs; 1 for i == j. */
    public double correlation(int i, int j) {
        if (i == j) return 1.0;
        RollingCovariance c = contemporaneous[Math.min(i, j) * n + Math.max(i, j)];
        return c.count() >= 20 ? c.correlation() : 0.0;
    }

    /** Correlation of the leader's previous-bar return with the follower's return; 0 until 20 pairs. */
    public double leadLagCorrelation(int leader, int follower) {
        if (leader == follower) return 0.0;
        RollingCovariance c = leadLag[leader * n + follower];
        return c.count() >= 20 ? c.correlation() : 0.0;
    }

    /** Last closed-bar log return of symbol i and its bar open time. */
    public double lastReturn(int i) { return lastRet[i]; }

    public long lastBarTime(int i) { return lastTime[i]; }

    /** z-score of ln p_i − ln p_j against its rolling window; 0 until 20 samples or without dispersion. */
    public double spreadZ(int i, int j) {
        if (i == j) return 0.0;
        int lo = Math.min(i, j), hi = Math.max(i, j);
        RollingWindow w = spreads[lo * n + hi];
        if (w.count() < 20) return 0.0;
        double sd = w.std();
        if (!(sd > 0)) return 0.0;
        double z = (w.get(0) - w.mean()) / sd;
        return i == lo ? z : -z;
    }
}
