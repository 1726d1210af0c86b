package io.vprop.trade;

/**
 * A trade a strategy (or a REST caller) wants: everything of a protocol {@code signal} but its id, which the kernel
 * assigns once the risk engine lets it through. Prices in the symbol's quote currency, {@code maxDeviation} in price
 * units, {@code expiryMs} UTC epoch ms. A CLOSE closes {@code position}, or every VProp position of the symbol when 0.
 */
public record OrderIntent(OrderKind kind, String symbol, Side side, double lots, double price, double maxDeviation,
                          double sl, double tp1, double tp2, long expiryMs, String alpha, String regime,
                          double confidence, String reason, long position) {
    public OrderIntent {
        if (kind == null) throw new IllegalArgumentException("order: kind is missing");
        if (symbol == null || symbol.isBlank()) throw new IllegalArgumentException("order: symbol is missing");
        if (side == null) throw new IllegalArgumentException("order " + symbol + ": side is missing");
        alpha = alpha == null ? "" : alpha;
        regime = regime == null ? "" : regime;
        reason = reason == null ? "" : reason;
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
