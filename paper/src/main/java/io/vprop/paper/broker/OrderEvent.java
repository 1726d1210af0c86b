package io.vprop.paper.broker;

import io.vprop.trade.PendingOrder;

/**
 * A step in a pending order's life at the paper server, as MT5 reports it in OnTradeTransaction: {@code state} is the
 * protocol's word (placed, cancelled, expired, filled, rejected); {@code reason} explains a rejection.
 */
public record OrderEvent(String state, PendingOrder order, long timeMs, String reason) {
}
