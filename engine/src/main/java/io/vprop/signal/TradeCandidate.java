package io.vprop.signal;

import io.vprop.market.Timeframe;
import io.vprop.signal.alpha.AlphaId;
import io.vprop.signal.regime.Regime;
import io.vprop.signal.select.Grade;
import io.vprop.trade.Side;

import java.util.List;

/**
 * A trade the engine wants: graded A or A+, sized within every cap, filtered for execution quality.
 * Prices are absolute; distances already respect the symbol's stops level.
 *
 * @param referencePrice ask for a BUY, bid for a SELL, at decision time
 * @param maxDeviation   largest acceptable fill distance from the reference price (price units)
 * @param expiryMs       UTC ms after which the order must not be sent any more
 * @param confidence     blended probability that TP1 is hit before SL
 * @param qStar          expected R after costs (see docs/signal-engine.md)
 * @param sigmaHorizon   price volatility over the stop horizon the stops were derived from
 * @param reasons        why this trade: alpha, timeframe, regime, the binding size cap, filters passed
 */
public record TradeCandidate(String symbol, long timeMs, Side side, double lots, double referencePrice,
                             double maxDeviation, double stopLoss, double takeProfit1, double takeProfit2,
                             long expiryMs, AlphaId alpha, Timeframe timeframe, Regime regime,
                             double confidence, Grade grade, double qStar, double sigmaHorizon,
                             List<String> reasons) implements Decision {
    public TradeCandidate {
        reasons = List.copyOf(reasons);
    }

    /** Price distance from the reference to the stop loss. */
    public double stopDistance() { return Math.abs(referencePrice - stopLoss); }
}
