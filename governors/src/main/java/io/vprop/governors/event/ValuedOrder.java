package io.vprop.governors.event;

import io.vprop.trade.PendingOrder;

/**
 * A pending order resting at the terminal and what a price move of it is worth, so the rules can price its worst
 * case: it fills at its trigger and runs to its stop.
 *
 * @param moneyPerPriceUnit account-currency value of a 1.0 price move for 1 lot (MT5: tick value / tick size);
 *                          0 when unknown, which makes its worst case unbounded
 */
public record ValuedOrder(PendingOrder order, double moneyPerPriceUnit) {
    public ValuedOrder {
        Checks.required("order", order);
        Checks.positive("order.volume", order.volume());
        Checks.positive("order.price", order.price());
        Checks.nonNegative("order.sl", order.sl());
        Checks.nonNegative("order.tp", order.tp());
        Checks.nonNegative("order.moneyPerPriceUnit", moneyPerPriceUnit);
        if (order.sl() > 0 && order.side().sign() * (order.sl() - order.price()) >= 0) {
            throw new IllegalArgumentException("order.sl: " + order.sl() + " is not on the losing side of the trigger "
                    + order.price() + " for a " + order.type().wire());
        }
    }

    /** Money lost if it fills at its trigger and the stop is hit, before slippage; infinite without a stop or a price value. */
    public double lossAtStop() {
        if (!order.hasStopLoss() || moneyPerPriceUnit == 0) return Double.POSITIVE_INFINITY;
        return Math.abs(order.price() - order.sl()) * order.volume() * moneyPerPriceUnit;
    }
}
