package io.vprop.signal.select;

import io.vprop.signal.port.SimilarTradeOutcomes;

/**
 * Q* – the expected R of a setup after costs – and its grade.
 * <pre>
 *   p  = (W·p_model + n_bandit·p_bandit + n_similar·winRate_similar) / (W + n_bandit + n_similar)
 *   Q* = p·b − (1 − p) − cost_R            (b = TP1 / SL, cost_R = spread + slippage + commission in R)
 * </pre>
 * The model's opinion counts as W pseudo-observations; realised outcomes (the bandit's posterior for this regime
 * and alpha, and the similar past trades) take over as they accumulate.
 * Grades: A+ ≥ aPlus, A ≥ a, B ≥ b, else C.
 */
public final class QualityScorer {
    private final double modelWeight, aPlus, a, b;

    public QualityScorer(double modelWeight, double aPlus, double a, double b) {
        if (!(modelWeight > 0)) throw new IllegalArgumentException("modelWeight must be > 0, was " + modelWeight);
        if (!(aPlus >= a && a >= b))
            throw new IllegalArgumentException("grade thresholds must satisfy A+ >= A >= B, got " + aPlus + ", " + a + ", " + b);
        this.modelWeight = modelWeight;
        this.aPlus = aPlus;
        this.a = a;
        this.b = b;
    }

    public double blendedProbability(double pModel, double pBandit, double nBandit, SimilarTradeOutcomes.Stats similar) {
        double num = modelWeight * pModel + nBandit * pBandit;
        double den = modelWeight + nBandit;
        if (similar != null && similar.n() > 0) {
            num += similar.n() * similar.winRate();
            den += similar.n();
        }
        return num / den;
    }

    public static double qStar(double p, double payoff, double costR) {
        return p * payoff - (1 - p) - costR;
    }

    public Grade grade(double qStar) {
        if (qStar >= aPlus) return Grade.A_PLUS;
        if (qStar >= a) return Grade.A;
        if (qStar >= b) return Grade.B;
        return Grade.C;
    }
}
