package io.vprop.models.seq;

import io.vprop.market.Bar;

import java.util.ArrayList;
import java.util.List;

/**
 * Windows of the last {@code window} bars with their two targets, in time order.
 * {@code x[i]} is the flattened window [window][features] ({@link SequenceFeatures}); {@code vol[i]} = log(σ of the
 * next {@code horizon} one-bar log returns (root mean square) / σ60 as of the window's last bar); {@code dir[i]} = 1
 * when the close {@code horizon} bars later is above the window's last close. {@code entryMs} is the last bar's close
 * (when the inputs were known), {@code exitMs} the close of bar t+horizon (when both labels were known) — the span a
 * purged split keeps out of training.
 */
public record SequenceDataset(List<String> features, int window, int horizon, float[][] x, float[] vol, int[] dir,
                              long[] entryMs, long[] exitMs) {
    public SequenceDataset {
        features = List.copyOf(features);
        int n = x.length;
        if (vol.length != n || dir.length != n || entryMs.length != n || exitMs.length != n) {
            throw new IllegalArgumentException("row arrays differ in length: x=" + n + " vol=" + vol.length + " dir="
                    + dir.length + " entry=" + entryMs.length + " exit=" + exitMs.length);
        }
        for (int i = 1; i < n; i++) {
            if (entryMs[i] < entryMs[i - 1]) throw new IllegalArgumentException("rows not in time order at " + i);
        }
    }

    /**
     * Builds every window whose bars and horizon are contiguous: a window spanning more than twice its nominal length
     * (weekend, holiday, data hole) or a horizon doing so is dropped, as is a flat market (σ = 0 now or later).
     */
    public static SequenceDataset build(List<Bar> bars, int window, int horizon) {
        if (bars.isEmpty()) throw new IllegalArgumentException("no bars to build windows from");
        if (horizon < 1) throw new IllegalArgumentException("horizon must be >= 1 bar, got " + horizon);
        long barMs = bars.get(0).timeframe().millis();
        SequenceFeatures state = new SequenceFeatures(window);
        List<float[]> xs = new ArrayList<>();
        List<Float> vs = new ArrayList<>();
        List<Integer> ds = new ArrayList<>();
        List<Long> entries = new ArrayList<>(), exits = new ArrayList<>();
        for (int t = 0; t < bars.size(); t++) {
            Bar b = bars.get(t);
            state.onBar(b);
            if (!state.ready() || t + horizon >= bars.size()) continue;
            // the window's first return needs the bar before it, so the nominal span is `window` bar lengths
            if (!state.contiguous(barMs)) continue;
            if (bars.get(t + horizon).openTimeMs() - b.openTimeMs() > 2L * horizon * barMs) continue;
            double sigma = state.sigma();
            if (!(sigma > 0)) continue;
            double sq = 0;
            for (int j = t + 1; j <= t + horizon; j++) {
                double r = Math.log(bars.get(j).close() / bars.get(j - 1).close());
                sq += r * r;
            }
            double future = Math.sqrt(sq / horizon);
            if (!(future > 0)) continue;
            float[] f = new float[window * SequenceFeatures.WIDTH];
            if (!state.window(f)) continue;
            xs.add(f);
            vs.add((float) Math.log(future / sigma));
            ds.add(bars.get(t + horizon).close() > b.close() ? 1 : 0);
            entries.add(b.openTimeMs() + barMs);
            exits.add(bars.get(t + horizon).openTimeMs() + barMs);
        }
        int n = xs.size();
        float[] v = new float[n];
        int[] d = new int[n];
        long[] e = new long[n], z = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = vs.get(i);
            d[i] = ds.get(i);
            e[i] = entries.get(i);
            z[i] = exits.get(i);
        }
        return new SequenceDataset(SequenceFeatures.NAMES, window, horizon, xs.toArray(new float[0][]), v, d, e, z);
    }

    public int size() {
        return x.length;
    }

    /** Rows {@code idx} as a new dataset (order kept; windows shared, not copied). */
    public SequenceDataset subset(int[] idx) {
        float[][] sx = new float[idx.length][];
        float[] sv = new float[idx.length];
        int[] sd = new int[idx.length];
        long[] se = new long[idx.length], sz = new long[idx.length];
        for (int k = 0; k < idx.length; k++) {
            sx[k] = x[idx[k]];
            sv[k] = vol[idx[k]];
            sd[k] = dir[idx[k]];
            se[k] = entryMs[idx[k]];
            sz[k] = exitMs[idx[k]];
        }
        return new SequenceDataset(features, window, horizon, sx, sv, sd, se, sz);
    }

    public double upRate() {
        long p = 0;
        for (int v : dir) p += v;
        return dir.length == 0 ? Double.NaN : (double) p / dir.length;
    }
}
