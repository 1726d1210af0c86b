package io.vprop.signal.replay;

import io.vprop.market.SymbolSpec;
import io.vprop.signal.TradeCandidate;
import io.vprop.trade.Side;

/**
 * How orders fill in a replay. Pluggable so the same replay can run on this simple model or, later, through the
 * paper terminal over the real protocol.
 */
interface ExecutionModel {
    /**
     * Entry fill for a candidate against the first quote after the decision; NaN when the order is not filled
     * (expired, or the price moved beyond the candidate's max deviation).
     */
    double entryPrice(TradeCandidate c, SymbolSpec spec, long quoteTimeMs, double bid, double ask);

    /** Fill price of a market exit (stop hit or time exit) at this quote. */
    double marketExitPrice(Side side, SymbolSpec spec, double bid, double ask);

    /** Round-trip commission in account money for {@code lots}. */
    double commission(double lots);
}
