package io.vprop.signal.select;

import java.util.Arrays;

/**
 * Per-alpha capital weights, updated on every closed trade:
 * <pre>  w_i ← w_i + η (Sharpe_i − mean Sharpe) − λ ρ(i, portfolio),  then w_i ≥ floor, Σ w = 1 </pre>
 * Sharpe_i is the EWMA mean / EWMA std of alpha i's R outcomes; ρ(i, portfolio) is the EWMA correlation between the
 * outcome stream "R if this trade came from alpha i, else 0" and the portfolio's R stream, so an alpha that is the
 * portfolio is penalised for concentration. Alphas without outcomes yet have Sharpe = mean (no push).
 */
public final class AdaptiveWeights {
    private final int n;
    private final double eta, lambda, floor, decay;
    private final double[] w, meanR, varR, seen;
    private final double[] covWithPortfolio, varOwn;
    private double portfolioVar;

    public AdaptiveWeights(int alphas, double eta, double lambda, double floor, double decay) {
        if (alphas < 1) throw new IllegalArgumentException("alphas must be >= 1");
        if (!(floor >= 0 && floor * alphas < 1))
            throw new IllegalArgumentException("weight floor must be in [0, 1/alphas), was " + floor);
        if (!(eta >= 0) || !(lambda >= 0)) throw new IllegalArgumentException("eta and lambda must be >= 0");
        if (!(decay > 0 && decay < 1)) throw new IllegalArgumentException("decay must be in (0,1), was " + decay);
        this.n = alphas;
        this.eta = eta;
        this.lambda = lambda;
        this.floor = floor;
        this.decay = decay;
        w = new double[n];
        Arrays.fill(w, 1.0 / n);
        meanR = new double[n];
        varR = new double[n];
        seen = new double[n];
        covWithPortfolio = new double[n];
        varOwn = new double[n];
    }

    public double weight(int alpha) { return w[alpha]; }

    public double sharpe(int alpha) {
        return seen[alpha] < 2 || !(varR[alpha] > 0) ? Double.NaN : meanR[alpha] / Math.sqrt(varR[alpha]);
    }

    public double portfolioCorrelation(int alpha) {
        double d = Math.sqrt(varOwn[alpha] * portfolioVar);
        return d > 0 ? covWithPortfolio[alpha] / d : 0.0;
    }

    public void onOutcome(int alpha, double r) {
        double dm = r - meanR[alpha];
        meanR[alpha] += (seen[alpha] == 0 ? 1 : decay) * dm;
        varR[alpha] = seen[alpha] == 0 ? 0 : (1 - decay) * (varR[alpha] + decay * dm * dm);
        seen[alpha]++;
        portfolioVar = (1 - decay) * portfolioVar + decay * r * r;
        for (int i = 0; i < n; i++) {
            double xi = i == alpha ? r : 0.0;
            covWithPortfolio[i] = (1 - decay) * covWithPortfolio[i] + decay * xi * r;
            varOwn[i] = (1 - decay) * varOwn[i] + decay * xi * xi;
        }
        double sum = 0;
        int k = 0;
        for (int i = 0; i < n; i++) {
            double s = sharpe(i);
            if (!Double.isNaN(s)) { sum += s; k++; }
        }
        double meanSharpe = k == 0 ? 0 : sum / k;
        for (int i = 0; i < n; i++) {
            double s = sharpe(i);
            double push = Double.isNaN(s) ? 0 : eta * (s - meanSharpe);
            w[i] = w[i] + push - lambda * portfolioCorrelation(i);
        }
        normalise();
    }

    /**
     * Projects the raw weights onto {w ≥ floor, Σ w = 1}: negatives count as 0, weights below the floor are pinned to
     * it and the remaining mass is shared in proportion to the others (repeated until nothing is below the floor;
     * at most n rounds, no allocation).
     */
    private void normalise() {
        double total = 0;
        for (int i = 0; i < n; i++) {
            if (!(w[i] > 0)) w[i] = 0;
            total += w[i];
        }
        if (!(total > 0)) { Arrays.fill(w, 1.0 / n); return; }
        for (int i = 0; i < n; i++) w[i] /= total;
        for (int round = 0; round < n; round++) {
            double pinnedMass = 0, freeMass = 0;
            for (int i = 0; i < n; i++) {
                if (w[i] <= floor) pinnedMass += floor; else freeMass += w[i];
            }
            boolean changed = false;
            double scale = freeMass > 0 ? (1 - pinnedMass) / freeMass : 0;
            for (int i = 0; i < n; i++) {
                if (w[i] <= floor) { if (w[i] != floor) changed = true; w[i] = floor; }
                else { w[i] *= scale; if (w[i] < floor) changed = true; }
            }
            if (!changed) break;
        }
    }
}
