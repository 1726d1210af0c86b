package io.vprop.governors.event;

import io.vprop.trade.Position;

/**
 * An open position and what a price move of it is worth, so the rules can price the loss still possible down to its
 * stop. The rules count the position's {@link Position#netProfit()} (floating P&amp;L with commission and swap) and
 * its open time on the governors' clock.
 *
 * @param moneyPerPriceUnit account-currency value of a 1.0 price move for 1 lot (MT5: tick value / tick size);
 *                          0 when unknown, which makes the risk down to the stop unbounded
 */
public record ValuedPosition(Position position, double moneyPerPriceUnit) {
    public ValuedPosition {
        Checks.required("position", position);
        Checks.nonNegative("position.moneyPerPriceUnit", moneyPerPriceUnit);
    }

    /** P&amp;L of this position if its stop is hit (negative = loss), excluding slippage. */
    public double pnlAtStop() {
        return position.side().sign() * (position.sl() - position.openPrice()) * position.volume() * moneyPerPriceUnit;
    }

    /** Further loss possible from now until the stop; infinite without a stop or without a price value. */
    public double riskFromNow() {
        if (!position.hasStopLoss() || moneyPerPriceUnit == 0) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.max(0, position.netProfit() - pnlAtStop());
    }
}
