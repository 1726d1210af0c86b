package io.vprop.models;

import io.vprop.market.Bar;
import io.vprop.market.Timeframe;
import io.vprop.models.data.TpSlFeatures;
import io.vprop.models.meta.MetaFeatures;
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
 * <p>
 * Optional second stage: when a meta-learner is served (registry "meta", features {@link MetaFeatures#NAMES}) and
 * the query is on its timeframe, the answer is meta(MetaFeatures(query, classifier p or fallback p, which one)).
 * Without a served meta model the answer is exactly the first stage's. The served/fallback counters keep counting
 * the first stage; {@link #metaCount()} counts the answers the meta model gave.
 */
public final class ServedWinProbability implements WinProbabilityModel {
    public static final double GEOMETRY_TOLERANCE = 0.05;
    /** The timeframe assumed for a model whose metadata does not name one (the first trained models: M1 bars). */
    public static final Timeframe DEFAULT_TIMEFRAME = Timeframe.M1;

    private final ModelRegistry<OnnxClassifier> registry;
    private final ModelRegistry<OnnxClassifier> meta;
    private final WinProbabilityModel fallback;
    private final Map<String, TpSlFeatures> features = new HashMap<>();
    private final float[] row = new float[TpSlFeatures.NAMES.size()];
    private final float[] metaRow = new float[MetaFeatures.NAMES.size()];
    private long served, fellBack, metaAnswered;

    public ServedWinProbability(ModelRegistry<OnnxClassifier> registry, WinProbabilityModel fallback) {
        this(registry, fallback, null);
    }

    /** @param meta the meta-learner's registry, or null for none */
    public ServedWinProbability(ModelRegistry<OnnxClassifier> registry, WinProbabilityModel fallback,
                                ModelRegistry<OnnxClassifier> meta) {
        if (registry == null || fallback == null) throw new IllegalArgumentException("registry and fallback are required");
        if (meta != null && !meta.name().equals(io.vprop.models.meta.MetaPipeline.MODEL_NAME)) {
            throw new IllegalArgumentException("meta registry must be '" + io.vprop.models.meta.MetaPipeline.MODEL_NAME
                    + "', got '" + meta.name() + "'");
        }
        this.registry = registry;
        this.fallback = fallback;
        this.meta = meta;
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
        boolean fromClassifier = !Double.isNaN(p);
        if (fromClassifier) {
            this.served++;
        } else {
            fellBack++;
            p = fallback.pTp1BeforeSl(q);
        }
        double refined = refined(q, p, fromClassifier);
        if (Double.isNaN(refined)) return p;
        metaAnswered++;
        return refined;
    }

    /** The meta model's refinement of first-stage {@code p}, or NaN when no meta model is served for this query. */
    public double refined(WinQuery q, double p, boolean fromClassifier) {
        ModelRegistry.Served<OnnxClassifier> s = meta == null ? null : meta.current();
        if (s == null || q.timeframe() != timeframe(s.metadata())) return Double.NaN;
        if ((q.direction() != 1 && q.direction() != -1) || q.alpha() == null || q.regime() == null) return Double.NaN;
        MetaFeatures.write(q, p, fromClassifier, metaRow);
        return s.model().predict(metaRow);
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

    /** Answers the meta-learner gave (a subset of served + fallback). */
    public long metaCount() {
        return metaAnswered;
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
