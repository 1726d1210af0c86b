package io.vprop.models;

import io.vprop.signal.port.WinQuery;
import io.vprop.signal.alpha.AlphaId;
import io.vprop.signal.regime.Regime;

import java.util.ArrayList;
import java.util.Arrays;
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
 *   seq_available                        1 when the served sequence model answered for this candidate, else 0
 *   seq_p_side                           its direction head oriented by the side: P(up) for a buy, 1 − P(up) for a sell
 *   seq_vol_log_ratio                    its volatility head: log(expected σ over its horizon / σ60 now)
 * </pre>
 * The three {@code seq_*} values are 0 when no sequence model answers (none served, another timeframe, window not warm
 * or spanning a gap), so a tree can tell "no opinion" (flag 0) from "an opinion of 0.5".
 * Names are part of the model's schema (the registry refuses a model whose names differ — a meta version trained
 * before the seq columns existed no longer loads; retrain it).
 */
public final class MetaFeatures {
    /** The registry name of the meta-learner these rows feed (serving and training agree on it). */
    public static final String MODEL_NAME = "meta";
    public static final List<String> NAMES = names();
    static final int ALPHA0 = 0;
    static final int STRENGTH = AlphaId.COUNT;
    static final int REGIME0 = STRENGTH + 5;
    static final int P_STAGE1 = REGIME0 + Regime.COUNT;
    static final int SEQ0 = P_STAGE1 + 7;

    private MetaFeatures() {
    }

    private static List<String> names() {
        List<String> n = new ArrayList<>();
        for (AlphaId a : AlphaId.values()) n.add("alpha_" + a.name());
        n.addAll(List.of("strength", "edge_sigma", "side", "sl_sigma", "tp1_sigma"));
        for (Regime r : Regime.values()) n.add("regime_" + r.name());
        n.addAll(List.of("p_stage1", "p_from_classifier", "bandit_mean", "bandit_n", "similar_n", "similar_win_rate",
                "similar_mean_r", "seq_available", "seq_p_side", "seq_vol_log_ratio"));
        return List.copyOf(n);
    }

    /** A new row for {@code q} with first-stage probability {@code pStage1}, no sequence model. */
    public static float[] of(WinQuery q, double pStage1, boolean fromClassifier) {
        return of(q, pStage1, fromClassifier, Double.NaN, Double.NaN);
    }

    /**
     * A new row with the sequence model's outputs for the candidate's symbol.
     *
     * @param seqPUp the direction head P(close higher after its horizon), NaN when the sequence model did not answer
     * @param seqVol the volatility head (log ratio), NaN when it did not answer
     */
    public static float[] of(WinQuery q, double pStage1, boolean fromClassifier, double seqPUp, double seqVol) {
        float[] out = new float[NAMES.size()];
        write(q, pStage1, fromClassifier, seqPUp, seqVol, out);
        return out;
    }

    /** {@link #write(WinQuery, double, boolean, double, double, float[])} without a sequence model. */
    public static void write(WinQuery q, double pStage1, boolean fromClassifier, float[] out) {
        write(q, pStage1, fromClassifier, Double.NaN, Double.NaN, out);
    }

    /**
     * Writes the row into {@code out} (no allocation: the live path reuses one array). Non-finite inputs become 0
     * so a missing statistic never reaches the trees as NaN (the trainer refuses NaN; ONNX would route it silently).
     */
    public static void write(WinQuery q, double pStage1, boolean fromClassifier, double seqPUp, double seqVol,
                             float[] out) {
        if (out.length != NAMES.size()) throw new IllegalArgumentException("meta row length " + out.length + " != " + NAMES.size());
        if (q.alpha() == null || q.regime() == null) throw new IllegalArgumentException("query for " + q.symbol() + " lacks alpha or regime");
        Arrays.fill(out, 0f);
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
        // both heads or neither: a half answer is treated as none, so the flag always means "both values are real"
        if (Double.isFinite(seqPUp) && Double.isFinite(seqVol) && (q.direction() == 1 || q.direction() == -1)) {
            out[SEQ0] = 1f;
            out[SEQ0 + 1] = (float) (q.direction() > 0 ? seqPUp : 1 - seqPUp);
            out[SEQ0 + 2] = (float) seqVol;
        }
    }

    private static float f(double v) {
        return Double.isFinite(v) ? (float) v : 0f;
    }
}
