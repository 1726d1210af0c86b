package io.vprop.models;

import io.vprop.models.data.TpSlFeatures;
import io.vprop.models.registry.ModelMetadata;
import io.vprop.models.registry.ModelRegistry;
import io.vprop.signal.WinProbabilityModel;
import io.vprop.signal.alpha.AlphaId;
import io.vprop.signal.regime.Regime;

import java.util.function.Supplier;

/**
 * {@link WinProbabilityModel} backed by the served TP/SL classifier. The port's arguments carry neither the symbol
 * nor the direction, so the caller supplies them as a {@link Context} for the candidate being scored (the symbol's
 * {@link TpSlFeatures}, fed every closed bar, and the side). The model answers only for the stop geometry it was
 * trained on (TP/SL in horizon σ within {@link #GEOMETRY_TOLERANCE}); otherwise — no model served, features not
 * warm, other geometry, no context — the fallback (e.g. DriftWinProbability) answers. Reads the registry's volatile
 * reference once per call, so a swap never blocks scoring.
 */
public final class ServedWinProbability implements WinProbabilityModel {
    public static final double GEOMETRY_TOLERANCE = 0.05;

    /** The candidate being scored: its symbol's bar features and its side (+1 buy, −1 sell). */
    public record Context(TpSlFeatures features, int side) {
    }

    private final ModelRegistry registry;
    private final Supplier<Context> context;
    private final WinProbabilityModel fallback;
    private final ThreadLocal<float[]> rows = ThreadLocal.withInitial(() -> new float[TpSlFeatures.NAMES.size()]);

    public ServedWinProbability(ModelRegistry registry, Supplier<Context> context, WinProbabilityModel fallback) {
        if (registry == null || context == null || fallback == null) {
            throw new IllegalArgumentException("registry, context and fallback are required");
        }
        this.registry = registry;
        this.context = context;
        this.fallback = fallback;
    }

    @Override
    public double pTp1BeforeSl(AlphaId alpha, Regime regime, double strength, double edgeSigma,
                               double slSigma, double tp1Sigma) {
        double p = served(slSigma, tp1Sigma);
        return Double.isNaN(p) ? fallback.pTp1BeforeSl(alpha, regime, strength, edgeSigma, slSigma, tp1Sigma) : p;
    }

    /** The served model's probability, or NaN when it cannot answer for this call (see class comment). */
    public double served(double slSigma, double tp1Sigma) {
        ModelRegistry.Served s = registry.current();
        if (s == null) return Double.NaN;
        ModelMetadata m = s.metadata();
        if (Math.abs(slSigma - m.slSigma()) > GEOMETRY_TOLERANCE || Math.abs(tp1Sigma - m.tpSigma()) > GEOMETRY_TOLERANCE) {
            return Double.NaN;
        }
        Context c = context.get();
        if (c == null) return Double.NaN;
        float[] row = rows.get();
        if (!c.features().vector(c.side(), row)) return Double.NaN;
        return s.probability(row);
    }
}
