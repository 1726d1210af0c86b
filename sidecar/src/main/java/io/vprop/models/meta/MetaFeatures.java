package io.vprop.models.meta;

import io.vprop.signal.WinQuery;
import io.vprop.signal.alpha.AlphaId;
import io.vprop.signal.regime.Regime;

import java.util.ArrayList;
import java.util.List;

/**
 * The meta-learner's input row, built from a {@link WinQuery} and the first-stage probability. One function for
 * training rows and live queries, so the served model sees exactly the layout it was trained on:
 * <pre>
 *   alpha_MOMENTUM … alpha_CORRELATION   one-hot of the alpha that fired (6)
 *   strength, edge_sigma, side           the alpha's outputs (side +1 long / −1 short)
 *   sl_sigma, tp1_sigma                  the stop geometry in horizon σ
 *   regime_LOW_TREND … regime_HIGH_RANGE one-hot of the regime (6)
 *   p_stage1                             the TP/SL classifier's probability, or the fallback's when it did not answer
 *   p_from_classifier                    1 when p_stage1 came from the classifier, 0 from the fallback
 *   bandit_mean, bandit_n                bandit posterior mean and pseudo-count for regime × alpha
 *   similar_n, similar_win_rate, similar_mean_r   the trade memory's similar setups
 * </pre>
 * Names are part of the model's schema (the registry refuses a model whose names differ).
 */
public final class MetaFeatures {
    public static final List<String> NAMES = names();
    static final int ALPHA0 = 0;
    static final int STRENGTH = AlphaId.COUNT;
    static final int REGIME0 = STRENGTH + 5;
    static final int P_STAGE1 = REGIME0 + Regime.COUNT;

    private MetaFeatures() {
    }

    private static List<String> names() {
        List<String> n = new ArrayList<>();
        for (AlphaId a : AlphaId.values()) n.add("alpha_" + a.name());
        n.addAll(List.of("strength", "edge_sigma", "side", "sl_sigma", "tp1_sigma"));
        for (Regime r : Regime.values()) n.add("regime_" + r.name());
        n.addAll(List.of("p_stage1", "p_from_classifier", "bandit_mean", "bandit_n", "similar_n", "similar_win_rate",
                "similar_mean_r"));
        return List.copyOf(n);
    }

    /** A new row for {@code q} with first-stage probability {@code pStage1}. */
    public static float[] of(WinQuery q, double pStage1, boolean fromClassifier) {
        float[] out = new float[NAMES.size()];
        write(q, pStage1, fromClassifier, out);
        return out;
    }

    /**
     * Writes the row into {@code out} (no allocation: the live path reuses one array). Non-finite inputs become 0
     * so a missing statistic never reaches the trees as NaN (the trainer refuses NaN; ONNX would route it silently).
     */
    public static void write(WinQuery q, double pStage1, boolean fromClassifier, float[] out) {
        if (out.length != NAMES.size()) throw new IllegalArgumentException("meta row length " + out.length + " != " + NAMES.size());
        if (q.alpha() == null || q.regime() == null) throw new IllegalArgumentException("query for " + q.symbol() + " lacks alpha or regime");
        java.util.Arrays.fill(out, 0f);
        out[ALPHA0 + q.alpha().ordinal()] = 1f;
        out[STRENGTH] = f(q.strength());
        out[STRENGTH + 1] = f(q.edgeSigma());
        out[STRENGTH + 2] = q.direction();
        out[STRENGTH + 3] = f(q.slSigma());
        out[STRENGTH + 4] = f(q.tp1Sigma());
        out[REGIME0 + q.regime().ordinal()] = 1f;
        out[P_STAGE1] = f(pStage1);
        out[P_STAGE1 + 1] = fromClassifier ? 1f : 0f;
        out[P_STAGE1 + 2] = f(q.banditMean());
        out[P_STAGE1 + 3] = f(q.banditN());
        out[P_STAGE1 + 4] = q.similar().n();
        out[P_STAGE1 + 5] = f(q.similar().winRate());
        out[P_STAGE1 + 6] = f(q.similar().meanR());
    }

    private static float f(double v) {
        return Double.isFinite(v) ? (float) v : 0f;
    }
}
