package io.vprop.kernel.learning;

import io.vprop.market.Timeframe;
import io.vprop.signal.SignalEngine;
import io.vprop.signal.feature.BarFeatures;

/**
 * The entry feature vector a trade is remembered by (trade memory's similarity search): eight bar features on
 * each of two timeframes, with the directional ones multiplied by the trade's direction so that a long after a
 * rally and a short after a sell-off look alike. Missing values (warm-up) are 0.
 */
public final class EntryFeatures {
    public static final int DIMENSION = 16;
    private static final Timeframe[] TIMEFRAMES = {Timeframe.M15, Timeframe.H1};

    private EntryFeatures() { }

    public static float[] of(SignalEngine engine, String symbol, int direction) {
        float[] v = new float[DIMENSION];
        int i = 0;
        for (Timeframe tf : TIMEFRAMES) {
            BarFeatures f;
            try {
                f = engine.barFeatures(symbol, tf);
            } catch (IllegalArgumentException e) {
                f = null;                                     // the engine does not scan this timeframe
            }
            double atr = f == null ? Double.NaN : f.atr();
            v[i++] = clean(f == null ? Double.NaN : direction * f.lastReturn() / relative(atr, f.close()));
            v[i++] = clean(f == null ? Double.NaN : direction * f.emaSlopeAtr());
            v[i++] = clean(f == null ? Double.NaN : direction * f.zScore());
            v[i++] = clean(f == null ? Double.NaN : f.bollingerWidth());
            v[i++] = clean(f == null ? Double.NaN : f.realizedVol() / f.longRunVol());
            v[i++] = clean(f == null ? Double.NaN : f.efficiencyRatio());
            v[i++] = clean(f == null ? Double.NaN : direction * f.autocorrelation());
            v[i++] = clean(f == null ? Double.NaN : f.hurst());
        }
        return v;
    }

    private static double relative(double atr, double close) { return atr > 0 && close > 0 ? atr / close : Double.NaN; }

    private static float clean(double x) {
        if (!Double.isFinite(x)) return 0f;
        return (float) Math.max(-10, Math.min(10, x));                // one wild value must not dominate L2 distance
    }
}
