package io.vprop.governors.event;

import io.vprop.trade.OrderIntent;

/**
 * An order that would open new risk, checked before it is sent. The order's {@link OrderIntent#price()} is the entry
 * price the check assumes (for a market order, the price it would fill at now).
 *
 * @param riskAtStop        money lost if the stop is hit, computed by the caller; NaN to let the engine compute it
 *                          from {@code |price - sl| * lots * moneyPerPriceUnit}
 * @param moneyPerPriceUnit account-currency value of a 1.0 price move for 1 lot (used only when riskAtStop is NaN)
 * @param signalId          the signal this order goes out as, or "" when not known yet: an allowed check with an id
 *                          reserves the order's worst case until the terminal answers for it (in-flight risk); a
 *                          second check with the same id is the same order, counted once
 */
public record OrderCheck(long timeMs, OrderIntent order, double riskAtStop, double moneyPerPriceUnit, String signalId)
        implements GovernorEvent {
    public OrderCheck(long timeMs, OrderIntent order, double riskAtStop, double moneyPerPriceUnit) {
        this(timeMs, order, riskAtStop, moneyPerPriceUnit, "");
    }

    public OrderCheck {
        signalId = signalId == null ? "" : signalId;
        Checks.required("order", order);
        if (!order.opens()) {
            throw new IllegalArgumentException("order.kind: only an order that opens a position is checked, got " + order.kind());
        }
        Checks.positive("order.lots", order.lots());
        Checks.positive("order.entryPrice", order.price());
        Checks.nonNegative("order.stopLoss", order.sl());
        if (!Double.isNaN(riskAtStop)) {
            Checks.nonNegative("order.riskAtStop", riskAtStop);
        }
        Checks.nonNegative("order.moneyPerPriceUnit", moneyPerPriceUnit);
        if (order.sl() > 0 && order.side().sign() * (order.sl() - order.price()) >= 0) {
            throw new IllegalArgumentException("order.stopLoss: " + order.sl() + " is not on the losing side of entry "
                    + order.price() + " for a " + order.side());
        }
    }

    public boolean hasStopLoss() {
        return order.sl() > 0;
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
        return Math.abs(order.price() - order.sl()) * order.lots() * moneyPerPriceUnit;
    }
}
