package io.vprop.signal.select;

import io.vprop.signal.port.WinProbabilityModel;
import io.vprop.signal.port.WinQuery;

/**
 * Calibrated baseline for P(TP1 before SL): first passage of a Brownian motion with drift μ (the alpha's expected
 * edge, in horizon σ per horizon) and unit volatility between +a (take profit) and −b (stop):
 * <pre>  P = (1 − e^{2μb}) / (e^{−2μa} − e^{2μb}),   → b / (a + b) as μ → 0 </pre>
 * With no edge this is the gambler's-ruin probability (0.4 for TP1 = 1.5 × SL), which is exactly the calibration a
 * random entry has; the edge tilts it. Real models (ONNX) replace it through the port.
 */
public final class DriftWinProbability implements WinProbabilityModel {
    @Override
    public double pTp1BeforeSl(WinQuery q) {
        return probability(q.edgeSigma(), q.tp1Sigma(), q.slSigma());
    }

    public static double probability(double mu, double a, double b) {
        if (!(a > 0 && b > 0)) throw new IllegalArgumentException("distances must be > 0, got a=" + a + " b=" + b);
        if (Math.abs(mu) < 1e-9) return b / (a + b);
        double num = 1 - Math.exp(2 * mu * b);
        double den = Math.exp(-2 * mu * a) - Math.exp(2 * mu * b);
        double p = num / den;
        return p < 0 ? 0 : (p > 1 ? 1 : p);
    }
}
