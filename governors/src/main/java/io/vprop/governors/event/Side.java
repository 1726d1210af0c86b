package io.vprop.governors.event;

/** Direction of a position or order. */
public enum Side {
    BUY,
    SELL;

    /** +1 for BUY, -1 for SELL: profit per price unit moved up. */
    public int sign() {
        return this == BUY ? 1 : -1;
    }
}
