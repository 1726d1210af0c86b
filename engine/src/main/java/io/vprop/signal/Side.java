package io.vprop.signal;

/** Trade direction. {@link #sign()} is +1 for BUY and -1 for SELL, so price moves times sign is P&amp;L. */
public enum Side {
    BUY(1), SELL(-1);

    private final int sign;

    Side(int sign) { this.sign = sign; }

    public int sign() { return sign; }

    public static Side of(int direction) {
        if (direction > 0) return BUY;
        if (direction < 0) return SELL;
        throw new IllegalArgumentException("direction must be non-zero, was " + direction);
    }
}
