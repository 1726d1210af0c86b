package io.vprop.trade;

import java.util.Locale;

/** Trade direction. {@link #sign()} is +1 for BUY and -1 for SELL, so a price move times the sign is P&amp;L. */
public enum Side {
    BUY, SELL;

    /** +1 for BUY, -1 for SELL. */
    public int sign() {
        return this == BUY ? 1 : -1;
    }

    public Side opposite() {
        return this == BUY ? SELL : BUY;
    }

    /** The side of a signed direction: BUY for a positive one, SELL for a negative one. */
    public static Side of(int direction) {
        if (direction > 0) return BUY;
        if (direction < 0) return SELL;
        throw new IllegalArgumentException("direction must be non-zero, was " + direction);
    }

    /** The protocol's word for this side: "buy" or "sell". */
    public String wire() {
        return this == BUY ? "buy" : "sell";
    }

    /** Parses "buy" or "sell" (any case), naming the bad value otherwise. */
    public static Side parse(String word) {
        if (word != null) {
            switch (word.toLowerCase(Locale.ROOT)) {
                case "buy": return BUY;
                case "sell": return SELL;
                default: break;
            }
        }
        throw new IllegalArgumentException("side must be buy or sell, was '" + word + "'");
    }
}
