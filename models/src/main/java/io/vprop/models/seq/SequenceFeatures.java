package io.vprop.models.seq;

import io.vprop.market.Bar;

import java.util.List;

/**
 * Per-bar inputs of the sequence model, built incrementally from closed bars (no lookahead): the window of the last
 * {@code window} bars ending at the newest one, each bar as {@link #NAMES}. Returns and ranges are divided by the
 * σ of the last {@link #SIGMA_LOOKBACK} one-bar log returns <em>as of the newest bar</em>, so the whole window is in
 * the current volatility's units (unit-free across symbols and regimes). The same code builds training windows and
 * live inputs. Extreme values are clipped to ±{@link #CLIP} so one bad print cannot saturate the GRU.
 */
public final class SequenceFeatures {
    public static final int SIGMA_LOOKBACK = 60;
    public static final float CLIP = 10f;
    public static final List<String> NAMES = List.of("ret1_sigma", "range_sigma", "close_in_bar", "hour_sin", "hour_cos");
    public static final int WIDTH = 5;

    private final int window;
    private final double[] closes, highs, lows;
    private final long[] openMs;
    private int count;

    public SequenceFeatures(int window) {
        if (window < 1) throw new IllegalArgumentException("window must be >= 1 bar, got " + window);
        this.window = window;
        int cap = Math.max(window, SIGMA_LOOKBACK) + 1;
        closes = new double[cap];
        highs = new double[cap];
        lows = new double[cap];
        openMs = new long[cap];
    }

    public int window() {
        return window;
    }

    /** Adds a closed bar; bars must arrive in time order with positive prices. */
    public void onBar(Bar bar) {
        if (!(bar.close() > 0) || !(bar.high() >= bar.low()) || !(bar.low() > 0)) {
            throw new IllegalArgumentException("bad bar at " + bar.openTimeMs() + ": close=" + bar.close()
                    + " high=" + bar.high() + " low=" + bar.low());
        }
        if (count > 0 && bar.openTimeMs() <= openMs[idx(0)]) {
            throw new IllegalArgumentException("bars out of order: " + bar.openTimeMs() + " after " + openMs[idx(0)]);
        }
        int i = count % closes.length;
        closes[i] = bar.close();
        highs[i] = bar.high();
        lows[i] = bar.low();
        openMs[i] = bar.openTimeMs();
        count++;
    }

    /** True once enough bars were seen for a full window and its σ. */
    public boolean ready() {
        return count >= closes.length;
    }

    /**
     * True when the window (plus the bar before it, whose close its first return needs) spans at most twice its
     * nominal length: the rule the training windows were built with ({@link SequenceDataset}), so a live window across
     * a weekend or a data hole is treated like one the model never saw (not answered).
     */
    public boolean contiguous(long barMs) {
        return ready() && openTimeMs(0) - openTimeMs(window) <= 2L * window * barMs;
    }

    /** Open time of the bar {@code barsAgo} bars before the newest (0 = newest). */
    public long openTimeMs(int barsAgo) {
        return openMs[idx(barsAgo)];
    }

    private int idx(int barsAgo) {
        return Math.floorMod(count - 1 - barsAgo, closes.length);
    }

    /** Standard deviation of the last {@link #SIGMA_LOOKBACK} one-bar log returns. */
    public double sigma() {
        double sum = 0, sq = 0;
        for (int k = 0; k < SIGMA_LOOKBACK; k++) {
            double r = Math.log(closes[idx(k)] / closes[idx(k + 1)]);
            sum += r;
            sq += r * r;
        }
        double mean = sum / SIGMA_LOOKBACK;
        return Math.sqrt(Math.max(0, sq / SIGMA_LOOKBACK - mean * mean));
    }

    /**
     * Writes the window, oldest bar first, row-major [window][{@link #WIDTH}] into {@code out}.
     *
     * @return false when not warm yet or the market was flat (σ = 0); {@code out} is then untouched
     */
    public boolean window(float[] out) {
        if (out.length != window * WIDTH) {
            throw new IllegalArgumentException("window buffer has " + out.length + " floats, expected " + window * WIDTH);
        }
        if (!ready()) return false;
        double s = sigma();
        if (!(s > 0)) return false;
        for (int k = 0; k < window; k++) {
            int barsAgo = window - 1 - k;
            int j = idx(barsAgo), p = idx(barsAgo + 1);
            double c = closes[j], h = highs[j], l = lows[j];
            int o = k * WIDTH;
            out[o] = clip(Math.log(c / closes[p]) / s);
            out[o + 1] = clip((h - l) / c / s);
            out[o + 2] = (float) (h > l ? 2 * (c - l) / (h - l) - 1 : 0);
            double hour = (openMs[j] % 86_400_000L) / 3_600_000.0;
            out[o + 3] = (float) Math.sin(2 * Math.PI * hour / 24);
            out[o + 4] = (float) Math.cos(2 * Math.PI * hour / 24);
        }
        return true;
    }

    private static float clip(double v) {
        return (float) Math.max(-CLIP, Math.min(CLIP, v));
    }
}
