package io.vprop.signal.port;

import io.vprop.market.Timeframe;
import io.vprop.signal.alpha.AlphaId;
import io.vprop.signal.regime.Regime;

/**
 * Everything the engine knows about a candidate when it asks for P(TP1 before SL): who (symbol, side, timeframe,
 * time), which alpha said what (strength, expected edge in horizon σ), the regime, the stop geometry in horizon σ,
 * what the bandit has learned for this regime × alpha, and what the trade memory says about similar setups.
 * Built once per candidate that reaches scoring (a few per bar), not per tick.
 */
public record WinQuery(String symbol, int direction, Timeframe timeframe, long timeMs, AlphaId alpha, Regime regime,
                       double strength, double edgeSigma, double slSigma, double tp1Sigma,
                       double banditMean, double banditN, SimilarTradeOutcomes.Stats similar) {
    public WinQuery {
        if (similar == null) similar = SimilarTradeOutcomes.Stats.NONE;
    }
}
