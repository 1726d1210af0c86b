package io.vprop.models.data;

import java.util.List;

/**
 * Labelled rows in time order. {@code entryMs} is when the features were known (bar close); {@code exitMs} is when
 * the label was known (the bar that hit TP or SL) — the span a purged split must keep out of training.
 */
public record TpSlDataset(List<String> features, float[][] x, int[] y, long[] entryMs, long[] exitMs) {
    public TpSlDataset {
        features = List.copyOf(features);
        if (x.length != y.length || y.length != entryMs.length || entryMs.length != exitMs.length) {
            throw new IllegalArgumentException("row arrays differ in length: x=" + x.length + " y=" + y.length
                    + " entry=" + entryMs.length + " exit=" + exitMs.length);
        }
        for (int i = 1; i < entryMs.length; i++) {
            if (entryMs[i] < entryMs[i - 1]) throw new IllegalArgumentException("rows not in time order at " + i);
        }
    }

    public int size() {
        return y.length;
    }

    /** Rows {@code idx} as a new dataset (order kept). */
    public TpSlDataset subset(int[] idx) {
        float[][] sx = new float[idx.length][];
        int[] sy = new int[idx.length];
        long[] se = new long[idx.length], sz = new long[idx.length];
        for (int k = 0; k < idx.length; k++) {
            sx[k] = x[idx[k]];
            sy[k] = y[idx[k]];
            se[k] = entryMs[idx[k]];
            sz[k] = exitMs[idx[k]];
        }
        return new TpSlDataset(features, sx, sy, se, sz);
    }

    public double positiveRate() {
        long p = 0;
        for (int v : y) p += v;
        return y.length == 0 ? Double.NaN : (double) p / y.length;
    }
}
