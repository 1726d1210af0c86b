package io.vprop.models.drift;

import io.vprop.market.Bar;
import io.vprop.models.data.TpSlFeatures;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The feature vectors the drift autoencoder sees: at each bar close, the TP/SL features ({@link TpSlFeatures}, the
 * same incremental code the classifier trains and serves on) for a long and a short entry, as the labeler builds
 * them, but unlabelled (drift needs no outcome, so no row is dropped for hitting neither level). Bars before
 * {@code fromMs} still warm the features up; only bars whose close lies in [fromMs, toMs) emit rows.
 */
public record DriftRows(float[][] x, long[] closeMs) {
    public int size() {
        return x.length;
    }

    public static DriftRows of(List<Bar> bars) {
        return of(bars, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    public static DriftRows of(List<Bar> bars, long fromMs, long toMs) {
        if (bars.isEmpty()) throw new IllegalArgumentException("no bars");
        long barMs = bars.get(0).timeframe().millis();
        TpSlFeatures state = new TpSlFeatures();
        List<float[]> xs = new ArrayList<>();
        List<Long> ts = new ArrayList<>();
        for (Bar b : bars) {
            state.onBar(b);
            long close = b.openTimeMs() + barMs;
            if (close < fromMs || close >= toMs) continue;
            for (int side : new int[]{1, -1}) {
                float[] f = new float[TpSlFeatures.NAMES.size()];
                if (!state.vector(side, f)) continue;
                xs.add(f);
                ts.add(close);
            }
        }
        long[] t = new long[ts.size()];
        for (int i = 0; i < t.length; i++) t[i] = ts.get(i);
        return new DriftRows(xs.toArray(new float[0][]), t);
    }

    /** Rows [from, to) in order. */
    public DriftRows slice(int from, int to) {
        return new DriftRows(Arrays.copyOfRange(x, from, to), Arrays.copyOfRange(closeMs, from, to));
    }
}
