package io.vprop.governors.event;

import io.vprop.trade.Side;

/**
 * One open position as the terminal reports it.
 *
 * @param stopLoss          stop-loss price, 0 when the position has none (MT5 convention)
 * @param profit            floating P&amp;L in account currency including commission and swap
 * @param moneyPerPriceUnit account-currency value of a 1.0 price move for 1 lot (MT5: tick value / tick size);
 *                          used to compute the loss still possible down to the stop
 */
public record Position(String symbol, Side side, double volume, double openPrice, double stopLoss,
                       long openTimeMs, double profit, double moneyPerPriceUnit) {
    public Position {
        Checks.symbol("position.symbol", symbol);
        Checks.required("position.side", side);
        Checks.positive("position.volume", volume);
        Checks.positive("position.openPrice", openPrice);
        Checks.nonNegative("position.stopLoss", stopLoss);
        Checks.finite("position.profit", profit);
        Checks.nonNegative("position.moneyPerPriceUnit", moneyPerPriceUnit);
    }

    public boolean hasStopLoss() {
        return stopLoss > 0;
    }

    /** P&amp;L of this position if its stop is hit (negative = loss), excluding slippage. */
    public double pnlAtStop() {
        return side.sign() * (stopLoss - openPrice) * volume * moneyPerPriceUnit;
    }

    /** Further loss possible from now until the stop; infinite without a stop or without a price value. */
    public double riskFromNow() {
        if (!hasStopLoss() || moneyPerPriceUnit == 0) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.max(0, profit - pnlAtStop());
    }
}
