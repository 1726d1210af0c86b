package io.vprop.signal;

/** Why a market input was rejected before it could touch any feature. Counted per reason by the engine. */
public enum InputRejection {
    UNKNOWN_SYMBOL,
    NOT_FINITE,
    NON_POSITIVE_PRICE,
    ZERO_SPREAD,
    CROSSED_QUOTE,
    TIME_BACKWARDS,
    NEGATIVE_VOLUME,
    BAD_BAR
}
