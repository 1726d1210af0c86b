package io.vprop.trade;

/**
 * A trade a strategy (or a REST caller) wants: everything of a protocol {@code signal} but its id, which the kernel
 * assigns once the risk engine lets it through. Prices in the symbol's quote currency, {@code maxDeviation} in price
 * units, {@code expiryMs} UTC epoch ms. A CLOSE closes {@code position}, or every VProp position of the symbol when 0.
 */
public record OrderIntent(OrderKind kind, String symbol, Side side, double lots, double price, double maxDeviation,
                          double sl, double tp1, double tp2, long expiryMs, String alpha, String regime,
                          double confidence, String reason, long position, OrderType type) {
    /**
     * @param type MARKET (the default), or a pending type for an OPEN: then {@code price} is the trigger, the side is the
     *             type's and {@code expiryMs} is also the time until which the order may rest (0 is not allowed for a
     *             signal: the protocol requires an expiry)
     */
    public OrderIntent {
        if (kind == null) throw new IllegalArgumentException("order: kind is missing");
        if (symbol == null || symbol.isBlank()) throw new IllegalArgumentException("order: symbol is missing");
        if (side == null) throw new IllegalArgumentException("order " + symbol + ": side is missing");
        alpha = alpha == null ? "" : alpha;
        regime = regime == null ? "" : regime;
        reason = reason == null ? "" : reason;
        type = type == null ? OrderType.MARKET : type;
        if (type.pending() && (kind != OrderKind.OPEN || type.side() != side)) {
            throw new IllegalArgumentException("order " + symbol + ": a " + type.wire() + " opens a " + type.side() + ", got "
                    + kind.wire() + " " + side);
        }
    }

    /** A market order or a close (the order type MARKET). */
    public OrderIntent(OrderKind kind, String symbol, Side side, double lots, double price, double maxDeviation,
                       double sl, double tp1, double tp2, long expiryMs, String alpha, String regime,
                       double confidence, String reason, long position) {
        this(kind, symbol, side, lots, price, maxDeviation, sl, tp1, tp2, expiryMs, alpha, regime, confidence, reason,
                position, OrderType.MARKET);
    }

    /** A pending order resting at {@code trigger} until it fills or {@code expiryMs}. */
    public static OrderIntent pending(OrderType type, String symbol, double lots, double trigger, double sl, double tp1,
                                      long expiryMs, String alpha, String regime, double confidence, String reason) {
        if (type == null || !type.pending()) throw new IllegalArgumentException("order " + symbol + ": not a pending type: " + type);
        return new OrderIntent(OrderKind.OPEN, symbol, type.side(), lots, trigger, 0, sl, tp1, 0, expiryMs, alpha, regime,
                confidence, reason, 0, type);
    }

    public static OrderIntent open(String symbol, Side side, double lots, double price, double maxDeviation,
                                   double sl, double tp1, double tp2, long expiryMs, String alpha, String regime,
                                   double confidence, String reason) {
        return new OrderIntent(OrderKind.OPEN, symbol, side, lots, price, maxDeviation, sl, tp1, tp2, expiryMs, alpha,
                regime, confidence, reason, 0);
    }

    public static OrderIntent close(String symbol, Side side, long position, long expiryMs, String reason) {
        return new OrderIntent(OrderKind.CLOSE, symbol, side, 0, 0, 0, 0, 0, 0, expiryMs, "", "", 0, reason, position);
    }

    public boolean opens() {
        return kind == OrderKind.OPEN;
    }
}
