package io.vprop.signal;

import java.util.EnumSet;

/**
 * Why a setup that an alpha produced was not traded. A skip can have several reasons; they are carried as a bit
 * mask ({@link #bit()}) so the hot path collects them without allocating, and expanded with {@link #decode(long)}.
 */
public enum SkipReason {
    /** Quality grade below the minimum tradable grade (A by default). */
    LOW_GRADE,
    /** Spread above its rolling percentile (60th by default). */
    WIDE_SPREAD,
    /** Predicted slippage too large relative to the stop distance. */
    HIGH_SLIPPAGE,
    /** Quotes reversing too often: prices are not reliable right now. */
    QUOTE_FLICKER,
    /** Expected shortfall of the candidate above the ES budget even at the minimum volume. */
    ES_BUDGET,
    /** Too correlated with an open position in the same direction. */
    CORRELATED_EXPOSURE,
    /** Sized volume rounds below the symbol's minimum volume. */
    BELOW_MIN_VOLUME,
    /** No risk headroom left (daily or overall loss limit reached). */
    NO_HEADROOM,
    /** The governors allow no new entry right now (position limit, loss buffer, halt, pause, target lock). */
    MAX_POSITIONS,
    /** The governors' pre-trade check refused the order. */
    GOVERNOR_REJECT,
    /** Kelly fraction is not positive: the expected value does not pay for the risk. */
    NEGATIVE_KELLY,
    /** Volatility is zero or unknown, so stops cannot be placed. */
    NO_VOLATILITY;

    public long bit() { return 1L << ordinal(); }

    public static EnumSet<SkipReason> decode(long mask) {
        EnumSet<SkipReason> set = EnumSet.noneOf(SkipReason.class);
        for (SkipReason r : values()) if ((mask & r.bit()) != 0) set.add(r);
        return set;
    }
}
