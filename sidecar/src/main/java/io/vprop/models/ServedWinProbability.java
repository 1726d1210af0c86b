package io.vprop.models;

import io.vprop.market.Bar;
import io.vprop.market.Timeframe;
import io.vprop.models.data.TpSlFeatures;
import io.vprop.models.registry.ModelMetadata;
import io.vprop.models.registry.ModelRegistry;
import io.vprop.signal.WinProbabilityModel;
import io.vprop.signal.WinQuery;

import java.util.HashMap;
import java.util.Map;

/**
 * {@link WinProbabilityModel} backed by the served TP/SL classifier. It keeps one {@link TpSlFeatures} per symbol,
 * fed with every closed bar of the model's timeframe (metadata property {@code timeframe}), so the served model sees
 * the features it was trained on. It answers only for the stop geometry the model was trained on (TP/SL in horizon σ
 * within {@link #GEOMETRY_TOLERANCE}); otherwise — no model served, symbol not warm, other geometry, a candidate on another timeframe —
 * the fallback (e.g. DriftWinProbability) does. Reads the registry's volatile reference once per call, so a swap
 * never blocks scoring. Called on the kernel thread only (bars and queries), hence the plain HashMap.
 */
public final class ServedWinProbability implements WinProbabilityModel {
    public static final double GEOMETRY_TOLERANCE = 0.05;
    /** The timeframe assumed for a model whose metadata does not name one (the first trained models: M1 bars). */
    public static final Timeframe DEFAULT_TIMEFRAME = Timeframe.M1;

    private final ModelRegistry<OnnxClassifier> registry;
    private final WinProbabilityModel fallback;
    private final Map<String, TpSlFeatures> features = new HashMap<>();
    private final float[] row = new float[TpSlFeatures.NAMES.size()];
    private long served, fellBack;

    public ServedWinProbability(ModelRegistry<OnnxClassifier> registry, WinProbabilityModel fallback) {
        if (registry == null || fallback == null) throw new IllegalArgumentException("registry and fallback are required");
        this.registry = registry;
        this.fallback = fallback;
    }

    @Override
    public void onBar(String symbol, Timeframe tf, long openTimeMs, double open, double high, double low, double close,
                      double volume) {
        fallback.onBar(symbol, tf, openTimeMs, open, high, low, close, volume);
        ModelRegistry.Served<OnnxClassifier> s = registry.current();
        if (tf != timeframe(s == null ? null : s.metadata())) return;
        TpSlFeatures f = features.computeIfAbsent(symbol, k -> new TpSlFeatures());
        try {
            f.onBar(new Bar(symbol, tf, openTimeMs, open, high, low, close, (long) volume, 0));
        } catch (IllegalArgumentException badOrRepeatedBar) {
            // the engine already validated the bar; a repeat after a reconnect is simply not a new bar
        }
    }

    @Override
    public double pTp1BeforeSl(WinQuery q) {
        double p = served(q);
        if (Double.isNaN(p)) {
            fellBack++;
            return fallback.pTp1BeforeSl(q);
        }
        this.served++;
        return p;
    }

    /** The served model's probability, or NaN when it cannot answer for this query (see class comment). */
    public double served(WinQuery q) {
        ModelRegistry.Served<OnnxClassifier> s = registry.current();
        if (s == null) return Double.NaN;
        ModelMetadata m = s.metadata();
        if (q.timeframe() != timeframe(m)) return Double.NaN; // its horizon is counted in bars of its own timeframe
        if (Math.abs(q.slSigma() - m.slSigma()) > GEOMETRY_TOLERANCE || Math.abs(q.tp1Sigma() - m.tpSigma()) > GEOMETRY_TOLERANCE) {
            return Double.NaN;
        }
        TpSlFeatures f = features.get(q.symbol());
        if (f == null || (q.direction() != 1 && q.direction() != -1) || !f.vector(q.direction(), row)) return Double.NaN;
        return s.model().predict(row);
    }

    /** Queries the served model answered / the fallback answered (for /metrics and the learning page). */
    public long servedCount() {
        return served;
    }

    public long fallbackCount() {
        return fellBack;
    }

    static Timeframe timeframe(ModelMetadata m) {
        if (m == null) return DEFAULT_TIMEFRAME;
        Object tf = m.properties().get("timeframe");
        if (tf == null) return DEFAULT_TIMEFRAME;
        try {
            return Timeframe.valueOf(tf.toString());
        } catch (IllegalArgumentException e) {
            return null; // a timeframe this build does not know: never fed, so the fallback answers
        }
    }
}
