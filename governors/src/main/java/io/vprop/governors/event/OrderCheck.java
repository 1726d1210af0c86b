package io.vprop.governors.event;

import io.vprop.trade.OrderIntent;
import io.vprop.trade.OrderType;

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
 * @param type              MARKET, or a pending type: then the intent's price is the trigger, its side the type's, and
 *                          its {@code expiryMs} the order's expiry (0 = good till cancelled), the time until which it
 *                          could fill
 */
public record OrderCheck(long timeMs, OrderIntent order, double riskAtStop, double moneyPerPriceUnit, String signalId,
                         OrderType type) implements GovernorEvent {
    public OrderCheck(long timeMs, OrderIntent order, double riskAtStop, double moneyPerPriceUnit) {
        this(timeMs, order, riskAtStop, moneyPerPriceUnit, "", OrderType.MARKET);
    }

    public OrderCheck(long timeMs, OrderIntent order, double riskAtStop, double moneyPerPriceUnit, String signalId) {
        this(timeMs, order, riskAtStop, moneyPerPriceUnit, signalId, OrderType.MARKET);
    }

    public OrderCheck {
        signalId = signalId == null ? "" : signalId;
        type = type == null ? OrderType.MARKET : type;
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
        if (type.pending() && type.side() != order.side()) {
            throw new IllegalArgumentException("order.type: a " + type.wire() + " opens a " + type.side() + ", the order is a " + order.side());
        }
        if (order.sl() > 0 && order.side().sign() * (order.sl() - order.price()) >= 0) {
            throw new IllegalArgumentException("order.stopLoss: " + order.sl() + " is not on the losing side of entry "
                    + order.price() + " for a " + order.side());
        }
    }

    /** True for a pending order: it rests at its trigger until it fills, expires or is cancelled. */
    public boolean pending() {
        return type.pending();
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
