package io.vprop.governors.event;

import io.vprop.trade.Side;

/**
 * A request to open new risk, checked before it is sent.
 *
 * @param stopLoss          stop price, 0 when none
 * @param riskAtStop        money lost if the stop is hit, computed by the caller; NaN to let the engine compute it
 *                          from {@code |entryPrice - stopLoss| * lots * moneyPerPriceUnit}
 * @param moneyPerPriceUnit account-currency value of a 1.0 price move for 1 lot (used only when riskAtStop is NaN)
 */
public record OrderRequest(long timeMs, String symbol, Side side, double lots, double entryPrice, double stopLoss,
                           double riskAtStop, double moneyPerPriceUnit) implements GovernorEvent {
    public OrderRequest {
        Checks.symbol("order.symbol", symbol);
        Checks.required("order.side", side);
        Checks.positive("order.lots", lots);
        Checks.positive("order.entryPrice", entryPrice);
        Checks.nonNegative("order.stopLoss", stopLoss);
        if (!Double.isNaN(riskAtStop)) {
            Checks.nonNegative("order.riskAtStop", riskAtStop);
        }
        Checks.nonNegative("order.moneyPerPriceUnit", moneyPerPriceUnit);
        if (stopLoss > 0 && side.sign() * (stopLoss - entryPrice) >= 0) {
            throw new IllegalArgumentException("order.stopLoss: " + stopLoss + " is not on the losing side of entry "
                    + entryPrice + " for a " + side);
        }
    }

    public boolean hasStopLoss() {
        return stopLoss > 0;
    }

    /** Money lost at the stop before slippage; infinite without a stop or a way to value it. */
    public double lossAtStop() {
        if (!hasStopLoss()) {
            return Double.POSITIVE_INFINITY;
        }
        if (!Double.isNaN(riskAtStop)) {
            return riskAtStop;
        }
        if (moneyPerPriceUnit == 0) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.abs(entryPrice - stopLoss) * lots * moneyPerPriceUnit;
    }
}
