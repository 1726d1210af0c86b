package io.vprop.trade;

/**
 * How an opening order enters: at market now, or as a pending order resting at a trigger price (MT5's
 * ORDER_TYPE_BUY_LIMIT ... SELL_STOP). A buy limit or buy stop triggers on the ask, a sell limit or sell stop on the bid.
 */
public enum OrderType {
    MARKET, BUY_LIMIT, SELL_LIMIT, BUY_STOP, SELL_STOP;

    /** The protocol's word: "market", "buy_limit", "sell_limit", "buy_stop", "sell_stop". */
    public String wire() {
        return WireWords.wire(this);
    }

    public static OrderType parse(String word) {
        return WireWords.parse(values(), "order_type", word);
    }

    /** True for the types that rest at a trigger price. */
    public boolean pending() {
        return this != MARKET;
    }

    /** The side of the position a pending type opens; null for MARKET (the signal's side says it). */
    public Side side() {
        return switch (this) {
            case BUY_LIMIT, BUY_STOP -> Side.BUY;
            case SELL_LIMIT, SELL_STOP -> Side.SELL;
            case MARKET -> null;
        };
    }

    /**
     * True when a resting order of this type triggers at {@code bid}/{@code ask} (MT5: buy orders on the ask, sell
     * orders on the bid; limits at or better than the trigger, stops at or beyond it).
     */
    public boolean triggers(double trigger, double bid, double ask) {
        return switch (this) {
            case BUY_LIMIT -> ask <= trigger;
            case BUY_STOP -> ask >= trigger;
            case SELL_LIMIT -> bid >= trigger;
            case SELL_STOP -> bid <= trigger;
            case MARKET -> true;
        };
    }
}
