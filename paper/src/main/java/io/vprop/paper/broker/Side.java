package io.vprop.paper.broker;

/** Direction of an order, a deal or a position. */
public enum Side {
    BUY, SELL;

    public Side opposite() { return this == BUY ? SELL : BUY; }

    /** +1 for BUY, -1 for SELL: multiplies a price move into a profit sign. */
    public int sign() { return this == BUY ? 1 : -1; }

    public String wire() { return this == BUY ? "buy" : "sell"; }

    public static Side parse(String s) {
        return switch (s) {
            case "buy", "BUY" -> BUY;
            case "sell", "SELL" -> SELL;
            default -> throw new IllegalArgumentException("side must be buy or sell, got '" + s + "'");
        };
    }
}
