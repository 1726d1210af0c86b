package io.vprop.models;

import io.vprop.market.Bar;
import io.vprop.market.Timeframe;
import io.vprop.models.data.TpSlFeatures;
import io.vprop.models.registry.ModelMetadata;
import io.vprop.models.registry.ModelRegistry;
import io.vprop.models.registry.OnnxClassifier;
import io.vprop.models.seq.OnnxSequenceModel;
import io.vprop.models.seq.SequenceFeatures;
import io.vprop.models.seq.SequencePipeline;
import io.vprop.signal.port.WinProbabilityModel;
import io.vprop.signal.port.WinQuery;

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
 * <p>
 * Optional sequence model (registry "seq"): when one is served, every closed bar of ITS timeframe also feeds a
 * per-symbol {@link SequenceFeatures} window (its window length), and the meta row gets the GRU's two heads for the
 * candidate's symbol ({@link #seqOutputs}); when it cannot answer (not served, query on another timeframe, window not
 * warm, spanning a gap, or stale) the meta row says so ({@code seq_available} 0). The sequence model is only asked
 * when a meta model is served — nothing else consumes it.
 */
public final class ServedWinProbability implements WinProbabilityModel {
    public static final double GEOMETRY_TOLERANCE = 0.05;
    /** The timeframe assumed for a model whose metadata does not name one (the first trained models: M1 bars). */
    public static final Timeframe DEFAULT_TIMEFRAME = Timeframe.M1;

    private final ModelRegistry<OnnxClassifier> registry;
    private final ModelRegistry<OnnxClassifier> meta;
    private final ModelRegistry<OnnxSequenceModel> seq;
    private final WinProbabilityModel fallback;
    private final Map<String, TpSlFeatures> features = new HashMap<>();
    private final Map<String, SequenceFeatures> seqWindows = new HashMap<>();
    private final float[] row = new float[TpSlFeatures.NAMES.size()];
    private final float[] metaRow = new float[MetaFeatures.NAMES.size()];
    private final float[] seqOut = new float[2];
    private float[] seqWindow = new float[0]; // resized only when a served seq version has another window length
    private long served, fellBack, metaAnswered;

    public ServedWinProbability(ModelRegistry<OnnxClassifier> registry, WinProbabilityModel fallback) {
        this(registry, fallback, null);
    }

    /** @param meta the meta-learner's registry, or null for none */
    public ServedWinProbability(ModelRegistry<OnnxClassifier> registry, WinProbabilityModel fallback,
                                ModelRegistry<OnnxClassifier> meta) {
        this(registry, fallback, meta, null);
    }

    /**
     * @param meta the meta-learner's registry, or null for none
     * @param seq  the sequence model's registry ({@link SequencePipeline#MODEL_NAME}), or null for none
     */
    public ServedWinProbability(ModelRegistry<OnnxClassifier> registry, WinProbabilityModel fallback,
                                ModelRegistry<OnnxClassifier> meta, ModelRegistry<OnnxSequenceModel> seq) {
        if (seq != null && !seq.name().equals(SequencePipeline.MODEL_NAME)) {
            throw new IllegalArgumentException("seq registry must be '" + SequencePipeline.MODEL_NAME + "', got '" + seq.name() + "'");
        }
        if (registry == null || fallback == null) throw new IllegalArgumentException("registry and fallback are required");
        if (meta != null && !meta.name().equals(MetaFeatures.MODEL_NAME)) {
            throw new IllegalArgumentException("meta registry must be '" + MetaFeatures.MODEL_NAME
                    + "', got '" + meta.name() + "'");
        }
        this.registry = registry;
        this.fallback = fallback;
        this.meta = meta;
        this.seq = seq;
    }

    @Override
    public void onBar(String symbol, Timeframe tf, long openTimeMs, double open, double high, double low, double close,
                      double volume) {
        fallback.onBar(symbol, tf, openTimeMs, open, high, low, close, volume);
        ModelRegistry.Served<OnnxClassifier> s = registry.current();
        ModelRegistry.Served<OnnxSequenceModel> q = seq == null ? null : seq.current();
        boolean forClassifier = tf == timeframe(s == null ? null : s.metadata());
        boolean forSeq = q != null && tf == timeframe(q.metadata());
        if (!forClassifier && !forSeq) return;
        Bar bar = new Bar(symbol, tf, openTimeMs, open, high, low, close, (long) volume, 0);
        if (forClassifier) {
            TpSlFeatures f = features.computeIfAbsent(symbol, k -> new TpSlFeatures());
            try {
                f.onBar(bar);
            } catch (IllegalArgumentException badOrRepeatedBar) {
                // the engine already validated the bar; a repeat after a reconnect is simply not a new bar
            }
        }
        if (forSeq) {
            int window = q.model().window();
            SequenceFeatures w = seqWindows.get(symbol);
            // a served version with another window length starts a fresh window (warm again after ~60 bars)
            if (w == null || w.window() != window) seqWindows.put(symbol, w = new SequenceFeatures(window));
            try {
                w.onBar(bar);
            } catch (IllegalArgumentException badOrRepeatedBar) {
                // as above: not a new bar
            }
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
        if (stackMismatch(s.metadata()) != null) return Double.NaN;
        boolean seqAnswered = seqOutputs(q, seqOut);
        MetaFeatures.write(q, p, fromClassifier, seqAnswered ? seqOut[0] : Double.NaN, seqAnswered ? seqOut[1] : Double.NaN,
                metaRow);
        return s.model().predict(metaRow);
    }

    /**
     * The served sequence model's heads for the query's symbol as of the last closed bar of its timeframe:
     * {@code out[0]} = P(close higher after its horizon), {@code out[1]} = volatility log ratio. False (out untouched)
     * when it cannot answer: none served, query on another timeframe, window not warm, flat (σ = 0), spanning a
     * gap (as training drops such windows), or stale (the query is more than one bar after the last bar's close).
     */
    public boolean seqOutputs(WinQuery q, float[] out) {
        ModelRegistry.Served<OnnxSequenceModel> s = seq == null ? null : seq.current();
        if (s == null) return false;
        Timeframe tf = timeframe(s.metadata());
        if (tf == null || q.timeframe() != tf) return false;
        OnnxSequenceModel model = s.model();
        SequenceFeatures w = seqWindows.get(q.symbol());
        if (w == null || w.window() != model.window() || model.features() != SequenceFeatures.WIDTH) return false;
        long barMs = tf.millis();
        if (!w.contiguous(barMs) || q.timeMs() > w.openTimeMs(0) + 2 * barMs) return false;
        if (seqWindow.length != model.window() * SequenceFeatures.WIDTH) seqWindow = new float[model.window() * SequenceFeatures.WIDTH];
        if (!w.window(seqWindow)) return false;
        OnnxSequenceModel.Prediction p = model.predict(seqWindow);
        if (!Float.isFinite(p.direction()) || !Float.isFinite(p.volatility())) return false;
        out[0] = p.direction();
        out[1] = p.volatility();
        return true;
    }

    /**
     * Why the served meta model must not answer, or null when it may: it learned from one stage-1 classifier's (and
     * sequence model's) outputs — versions recorded as {@code classifierVersion} / {@code seqVersion} — so after a
     * retraining or rollback serves other versions, its inputs come from a model it never saw. The first stage then
     * answers alone until the meta-learner is trained again on the served stack.
     */
    public String stackMismatch(ModelMetadata metaModel) {
        return stackMismatch(metaModel, registry.current(), seq == null ? null : seq.current());
    }

    /** {@link #stackMismatch(ModelMetadata)} for the given served stage-1 and sequence versions (null = none). */
    public static String stackMismatch(ModelMetadata metaModel, ModelRegistry.Served<?> classifier, ModelRegistry.Served<?> sequence) {
        Object cv = metaModel.properties().get("classifierVersion");
        if (cv instanceof Number n && (classifier == null || classifier.version() != n.intValue())) {
            return "meta v" + metaModel.version() + " was stacked on tpsl v" + n.intValue() + " but "
                    + (classifier == null ? "no tpsl version" : "tpsl v" + classifier.version()) + " is served";
        }
        Object sv = metaModel.properties().get("seqVersion");
        if (sv instanceof Number n && Boolean.TRUE.equals(metaModel.properties().get("seqColumnsUsed"))
                && (sequence == null || sequence.version() != n.intValue())) {
            return "meta v" + metaModel.version() + " was stacked on seq v" + n.intValue() + " but "
                    + (sequence == null ? "no seq version" : "seq v" + sequence.version()) + " is served";
        }
        return null;
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
        // absent: the first models, trained on M1; unknown to this build: null, never fed, so the fallback answers
        return m.properties().get("timeframe") == null ? DEFAULT_TIMEFRAME : m.timeframe();
    }
}
