package io.vprop.signal.port;

import java.util.EnumSet;

/**
 * Why a setup that an alpha produced was not traded. A skip can have several reasons; they are carried as a bit
 * mask ({@link #bit()}) so the hot path collects them without allocating, and expanded with {@link #decode(long)}.
 */
public enum SkipReason {
    /** Quality grade below the minimum tradable grade (A by default). */
    LOW_GRADE("Quality grade below the minimum tradable grade (A by default)."),
    /** Spread above its rolling percentile (60th by default). */
    WIDE_SPREAD("Spread above its rolling percentile (60th by default)."),
    /** Predicted slippage too large relative to the stop distance. */
    HIGH_SLIPPAGE("Predicted slippage too large relative to the stop distance."),
    /** Quotes reversing too often: prices are not reliable right now. */
    QUOTE_FLICKER("Quotes reversing too often: prices are not reliable right now."),
    /** Expected shortfall of the candidate above the ES budget even at the minimum volume. */
    ES_BUDGET("Expected shortfall of the candidate above the ES budget even at the minimum volume."),
    /** Too correlated with an open position in the same direction. */
    CORRELATED_EXPOSURE("Too correlated with an open position in the same direction."),
    /** Sized volume rounds below the symbol's minimum volume. */
    BELOW_MIN_VOLUME("Sized volume rounds below the symbol's minimum volume."),
    /** No risk headroom left (daily or overall loss limit reached). */
    NO_HEADROOM("No risk headroom left (daily or overall loss limit reached)."),
    /** The governors allow no new entry right now (position limit, loss buffer, halt, pause, target lock). */
    MAX_POSITIONS("The governors allow no new entry right now (position limit, loss buffer, halt, pause, target lock)."),
    /** The governors' pre-trade check refused the order. */
    GOVERNOR_REJECT("The governors' pre-trade check refused the order."),
    /** Kelly fraction is not positive: the expected value does not pay for the risk. */
    NEGATIVE_KELLY("Kelly fraction is not positive: the expected value does not pay for the risk."),
    /** Volatility is zero or unknown, so stops cannot be placed. */
    NO_VOLATILITY("Volatility is zero or unknown, so stops cannot be placed.");

    private final String description;

    SkipReason(String description) { this.description = description; }

    /** One sentence for journals and the web panel. */
    public String description() { return description; }

    public long bit() { return 1L << ordinal(); }

    public static EnumSet<SkipReason> decode(long mask) {
        EnumSet<SkipReason> set = EnumSet.noneOf(SkipReason.class);
        for (SkipReason r : values()) if ((mask & r.bit()) != 0) set.add(r);
        return set;
    }
}
