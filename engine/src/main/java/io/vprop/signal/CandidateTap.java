package io.vprop.signal;

import io.vprop.market.Timeframe;
import io.vprop.signal.alpha.AlphaId;
import io.vprop.signal.regime.Regime;

/**
 * Sees every alpha that fires in a scan (not only the setup the engine picks), with the geometry the engine would
 * trade it at: the research module's edge fit records these and labels each with its realised outcome. Prices are
 * the quote of the scan; distances are price distances from the entry (the ask for a buy, the bid for a sell).
 */
@FunctionalInterface
public interface CandidateTap {
    void fired(String symbol, Timeframe timeframe, long barOpenMs, AlphaId alpha, int direction, double strength,
               Regime regime, long timeMs, double bid, double ask, double stopDistance, double tp1Distance,
               double tp2Distance);
}
