package io.vprop.paper.broker;

import io.vprop.trade.Side;

/**
 * A market order as the EA sends it to the trade server (MT5's MqlTradeRequest, TRADE_ACTION_DEAL): opens a position,
 * or closes (part of) one. Not the strategy's {@link io.vprop.trade.OrderIntent}: this is the terminal's own request,
 * with MT5's free-text comment, one take profit and the time it is sent.
 *
 * @param symbol        symbol to trade
 * @param side          BUY fills at the ask, SELL at the bid
 * @param volume        lots, must respect the symbol's volume min/step/max
 * @param referencePrice the price the sender expected; used with maxDeviation
 * @param maxDeviation  largest acceptable distance, in price units, between referencePrice and the fill; 0 = any
 * @param sl            stop loss price, 0 = none
 * @param tp            take profit price, 0 = none
 * @param positionTicket 0 to open a position; a ticket to close (part of) that position
 * @param comment       free text; the EA puts the signal id here so deals can be traced back
 * @param timeMs        UTC ms at which the request is sent
 */
public record TradeRequest(String symbol, Side side, double volume, double referencePrice, double maxDeviation,
                           double sl, double tp, long positionTicket, String comment, long timeMs) {
}
