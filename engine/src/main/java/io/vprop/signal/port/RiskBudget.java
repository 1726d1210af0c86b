package io.vprop.signal.port;

import io.vprop.trade.Side;

/**
 * Port to the governors: how much account money may still be lost, and the pre-trade check the EA will also run.
 * The engine sizes so that the loss at the stop stays within a fraction of the smaller headroom, then calls
 * {@link #allows(PreTradeOrder)} as the last guard. Baseline: {@code risk.PropFirmRiskBudget}.
 */
public interface RiskBudget {
    /** Money that may still be lost today before the daily loss limit, net of the risk of open positions. ≥ 0. */
    double dailyHeadroom();

    /** Money that may still be lost before the overall (max drawdown) limit, net of open risk. ≥ 0. */
    double overallHeadroom();

    /** Largest volume a single order may have under the firm's rules (the symbol's own max applies as well). */
    default double maxLotsPerOrder() { return Double.MAX_VALUE; }

    /** Whether one more position may be opened now (e.g. a maximum number of open positions). */
    default boolean canOpenPosition() { return true; }

    /** "Would this order be allowed?" – the governors' pre-trade check. */
    boolean allows(PreTradeOrder order);

    /** An order as the pre-trade check sees it. {@code lossAtStop} includes spread and commission. */
    record PreTradeOrder(String symbol, Side side, double lots, double entryPrice, double stopLoss,
                         double lossAtStop) {
    }
}
