package io.vprop.signal.select;

import java.util.Arrays;

/**
 * Thompson sampling over Bernoulli arms (win = the trade closed with R &gt; 0), one Beta posterior per
 * (context, arm) – here context = regime, arm = alpha. The prior Beta(a0, b0) defaults to mean 0.4, the break-even
 * win rate of a 1.5 R target (0.4 × 1.5 = 0.6 = loss side), so untried arms are neither favoured nor shunned.
 */
public final class ThompsonSampler {
    private final int arms;
    private final double[] alpha;
    private final double[] beta;
    private final double[] priorAlpha, priorBeta;
    private final Rng rng;

    public ThompsonSampler(int contexts, int arms, double priorA, double priorB, long seed) {
        if (contexts < 1 || arms < 1) throw new IllegalArgumentException("need >= 1 context and arm");
        if (!(priorA > 0 && priorB > 0))
            throw new IllegalArgumentException("Beta prior must be > 0, got a=" + priorA + " b=" + priorB);
        this.arms = arms;
        alpha = new double[contexts * arms];
        beta = new double[contexts * arms];
        Arrays.fill(alpha, priorA);
        Arrays.fill(beta, priorB);
        priorAlpha = alpha.clone();
        priorBeta = beta.clone();
        rng = new Rng(seed);
    }

    /**
     * A prior per (context, arm), e.g. fitted from out-of-sample outcomes: {@code priorA[context * arms + arm]}.
     */
    public ThompsonSampler(int contexts, int arms, double[] priorA, double[] priorB, long seed) {
        if (contexts < 1 || arms < 1) throw new IllegalArgumentException("need >= 1 context and arm");
        if (priorA.length != contexts * arms || priorB.length != contexts * arms)
            throw new IllegalArgumentException("need " + contexts * arms + " priors, got " + priorA.length + ", " + priorB.length);
        for (int k = 0; k < priorA.length; k++)
            if (!(priorA[k] > 0 && priorB[k] > 0))
                throw new IllegalArgumentException("Beta prior must be > 0, got a=" + priorA[k] + " b=" + priorB[k] + " at " + k);
        this.arms = arms;
        alpha = priorA.clone();
        beta = priorB.clone();
        priorAlpha = priorA.clone();
        priorBeta = priorB.clone();
        rng = new Rng(seed);
    }

    /** A draw from the posterior win probability of this arm. */
    public double sample(int context, int arm) {
        int k = context * arms + arm;
        return rng.nextBeta(alpha[k], beta[k]);
    }

    /** Arm with the highest posterior draw in this context. */
    public int choose(int context) {
        int best = 0;
        double bestDraw = -1;
        for (int a = 0; a < arms; a++) {
            double d = sample(context, a);
            if (d > bestDraw) { bestDraw = d; best = a; }
        }
        return best;
    }

    public void update(int context, int arm, boolean win) {
        int k = context * arms + arm;
        if (win) alpha[k] += 1; else beta[k] += 1;
    }

    public double posteriorMean(int context, int arm) {
        int k = context * arms + arm;
        return alpha[k] / (alpha[k] + beta[k]);
    }

    public double posteriorA(int context, int arm) { return alpha[context * arms + arm]; }

    public double posteriorB(int context, int arm) { return beta[context * arms + arm]; }

    /** Number of outcomes observed for this arm beyond its own prior. */
    public double observations(int context, int arm) {
        int k = context * arms + arm;
        return alpha[k] + beta[k] - priorAlpha[k] - priorBeta[k];
    }

    /** Number of outcomes observed for this arm beyond the prior. */
    public double observations(int context, int arm, double priorA, double priorB) {
        int k = context * arms + arm;
        return alpha[k] + beta[k] - priorA - priorB;
    }
}
