package io.vprop.signal;

import io.vprop.signal.alpha.AlphaId;
import io.vprop.signal.regime.Regime;

/**
 * Port to the ML models: P(TP1 is hit before SL). All distances in units of the horizon σ.
 * Baseline: {@link io.vprop.signal.select.DriftWinProbability} (first passage of a Brownian motion with drift).
 */
public interface WinProbabilityModel {
    double pTp1BeforeSl(AlphaId alpha, Regime regime, double strength, double edgeSigma,
                        double slSigma, double tp1Sigma);
}
