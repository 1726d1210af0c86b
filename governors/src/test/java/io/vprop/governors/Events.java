package io.vprop.governors;

import io.vprop.governors.event.FillEvent;
import io.vprop.governors.event.OrderCheck;
import io.vprop.governors.event.ValuedPosition;
import io.vprop.trade.Fill;
import io.vprop.trade.FillEntry;
import io.vprop.trade.OrderIntent;
import io.vprop.trade.Position;
import io.vprop.trade.Side;

/** Governor events from the few numbers the tests vary, the way a scenario file gives them (no tickets, net profits). */
public final class Events {
    private Events() {}

    /** A deal the governors learn of when it happens; {@code profit} is its net result. */
    public static FillEvent fill(long timeMs, String symbol, Side side, double volume, double price, boolean entry,
                                 double profit, long positionOpenMs) {
        return new FillEvent(timeMs, new Fill(0, 0, 0, "", symbol, side, entry ? FillEntry.IN : FillEntry.OUT, price, volume,
                0, 0, profit, timeMs, ""), positionOpenMs);
    }

    public static OrderCheck order(long timeMs, String symbol, Side side, double lots, double entryPrice, double stopLoss,
                                   double riskAtStop, double moneyPerPriceUnit) {
        return new OrderCheck(timeMs, OrderIntent.open(symbol, side, lots, entryPrice, 0, stopLoss, 0, 0, 0, "", "", 0, ""),
                riskAtStop, moneyPerPriceUnit);
    }

    /** An open position; {@code profit} is its net floating result. */
    public static ValuedPosition position(String symbol, Side side, double volume, double openPrice, double stopLoss,
                                          long openTimeMs, double profit, double moneyPerPriceUnit) {
        return new ValuedPosition(new Position(0, symbol, side, volume, openPrice, stopLoss, 0, profit, 0, 0, openTimeMs, ""),
                moneyPerPriceUnit);
    }
}
