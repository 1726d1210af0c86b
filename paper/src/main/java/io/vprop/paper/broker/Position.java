package io.vprop.paper.broker;

import io.vprop.trade.Side;

/**
 * An open position as the account reports it. {@code profit} is the floating profit at the current quote
 * (excluding commission and swap), {@code commission} what its entry deal(s) cost.
 */
public record Position(long ticket, String symbol, Side side, double volume, double priceOpen, double sl, double tp,
                       double profit, double swap, double commission, long timeMs, String comment) {
}
