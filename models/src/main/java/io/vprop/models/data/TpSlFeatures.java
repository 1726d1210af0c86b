package io.vprop.models.data;

import io.vprop.market.Bar;

import java.util.List;

/**
 * Incremental market-state features for the TP/SL classifier, computed at the close of each bar from the last
 * {@link #LOOKBACK} bars only (no lookahead). The same code builds training rows and live inputs, so the served
 * model sees exactly the features it was trained on. Returns are scaled by the 1-bar σ so the model is unit-free.
 */
public final class TpSlFeatures {
    public static final int LOOKBACK = 60;
    public static final List<String> NAMES = List.of("ret1_sigma", "ret5_sigma", "ret15_sigma", "ret60_sigma",
            "vol15_over_vol60", "range60_position", "hour_sin", "hour_cos", "side");

    private final double[] closes = new double[LOOKBACK + 1];
    private final double[] highs = new double[LOOKBACK + 1];
    private final double[] lows = new double[LOOKBACK + 1];
    private int count;
    private long lastOpenMs;

    /** Adds a closed bar; bars must arrive in time order. */
    public void onBar(Bar bar) {
        if (!(bar.close() > 0) || !(bar.high() >= bar.low())) {
            throw new IllegalArgumentException("bad bar at " + bar.openTimeMs() + ": close=" + bar.close()
                    + " high=" + bar.high() + " low=" + bar.low());
        }
        if (count > 0 && bar.openTimeMs() <= lastOpenMs) {
            throw new IllegalArgumentException("bars out of order: " + bar.openTimeMs() + " after " + lastOpenMs);
        }
        int i = count % closes.length;
        closes[i] = bar.close();
        highs[i] = bar.high();
        lows[i] = bar.low();
        lastOpenMs = bar.openTimeMs();
        count++;
    }

    /** True once {@link #LOOKBACK} + 1 bars have been seen. */
    public boolean ready() {
        return count > LOOKBACK;
    }

    private double close(int barsAgo) {
        return closes[Math.floorMod(count - 1 - barsAgo, closes.length)];
    }

    /** Standard deviation of the last {@code n} one-bar log returns. */
    public double sigma1(int n) {
        double sum = 0, sq = 0;
        for (int k = 0; k < n; k++) {
            double r = Math.log(close(k) / close(k + 1));
            sum += r;
            sq += r * r;
        }
        double mean = sum / n;
        return Math.sqrt(Math.max(0, sq / n - mean * mean));
    }

    /**
     * Writes the feature vector for a trade on {@code side} (+1 long, −1 short) into {@code out}; directional
     * returns are multiplied by the side so "price went my way" always has the same sign.
     *
     * @return false when not warm yet or the market was flat (σ = 0), in which case {@code out} is untouched
     */
    public boolean vector(int side, float[] out) {
        if (side != 1 && side != -1) throw new IllegalArgumentException("side must be +1 or -1, got " + side);
        if (out.length != NAMES.size()) {
            throw new IllegalArgumentException("feature vector length " + out.length + " != " + NAMES.size());
        }
        if (!ready()) return false;
        double s60 = sigma1(LOOKBACK);
        if (!(s60 > 0)) return false;
        double c = close(0);
        out[0] = (float) (side * Math.log(c / close(1)) / s60);
        out[1] = (float) (side * Math.log(c / close(5)) / (s60 * Math.sqrt(5)));
        out[2] = (float) (side * Math.log(c / close(15)) / (s60 * Math.sqrt(15)));
        out[3] = (float) (side * Math.log(c / close(LOOKBACK)) / (s60 * Math.sqrt(LOOKBACK)));
        out[4] = (float) (sigma1(15) / s60);
        double hi = Double.NEGATIVE_INFINITY, lo = Double.POSITIVE_INFINITY;
        for (int k = 0; k < LOOKBACK; k++) {
            int j = Math.floorMod(count - 1 - k, closes.length);
            hi = Math.max(hi, highs[j]);
            lo = Math.min(lo, lows[j]);
        }
        double pos = hi > lo ? (c - lo) / (hi - lo) : 0.5;
        out[5] = (float) (side > 0 ? pos : 1 - pos);
        double hour = (lastOpenMs % 86_400_000L) / 3_600_000.0;
        out[6] = (float) Math.sin(2 * Math.PI * hour / 24);
        out[7] = (float) Math.cos(2 * Math.PI * hour / 24);
        out[8] = side;
        return true;
    }
}
