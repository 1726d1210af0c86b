package io.vprop.signal.port;

import io.vprop.signal.alpha.AlphaId;
import io.vprop.signal.regime.Regime;

/**
 * A closed trade fed back for learning (bandit posterior, adaptive weights, similar-trade baseline).
 *
 * @param rMultiple realized P&amp;L divided by the money that was at risk at the stop (after costs)
 */
public record TradeOutcome(String symbol, AlphaId alpha, Regime regime, double rMultiple, double pnlMoney,
                           long closeTimeMs) {
    public TradeOutcome {
        if (alpha == null || regime == null)
            throw new IllegalArgumentException("trade outcome for " + symbol + " needs alpha and regime");
        if (!Double.isFinite(rMultiple))
            throw new IllegalArgumentException("trade outcome rMultiple must be finite, was " + rMultiple);
    }

    public boolean win() { return rMultiple > 0; }
}
