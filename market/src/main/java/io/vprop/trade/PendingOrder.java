package io.vprop.trade;

/**
 * An order resting at the terminal until its trigger price is reached: the protocol's {@code account.orders} entry
 * and {@code order} message. {@code sl}/{@code tp} 0 = none; {@code expiryMs} UTC epoch ms, 0 = good till cancelled;
 * {@code signalId} "" when VProp did not send it.
 */
public record PendingOrder(long ticket, String symbol, OrderType type, double volume, double price, double sl,
                           double tp, long expiryMs, String signalId) {
    public PendingOrder {
        if (symbol == null || symbol.isBlank()) throw new IllegalArgumentException("order " + ticket + ": symbol is missing");
        if (type == null || !type.pending()) {
            throw new IllegalArgumentException("order " + ticket + ": type must be buy_limit, sell_limit, buy_stop or sell_stop, was " + type);
        }
        signalId = signalId == null ? "" : signalId;
    }

    public Side side() {
        return type.side();
    }

    public boolean hasStopLoss() {
        return sl > 0;
    }

    /** Still resting at {@code nowMs}: no expiry, or an expiry after now. */
    public boolean liveAt(long nowMs) {
        return expiryMs <= 0 || nowMs < expiryMs;
    }
}
