package io.vprop.market.io;

/** Why a row of a market file was rejected; lenient readers count skipped rows by these reasons. */
enum BadRowReason {
    /** fewer columns than the header promises */
    MISSING_FIELD,
    /** a price/volume column that does not parse as a decimal number (includes NaN, Infinity) */
    NOT_A_NUMBER,
    /** a date/time column that does not parse */
    BAD_TIMESTAMP,
    /** a price that is zero or negative, or a negative volume */
    NOT_POSITIVE,
    /** ask below bid (tick) */
    CROSSED,
    /** high below low, or open/close outside [low, high] (bar) */
    BAD_OHLC,
    /** time earlier than the previous row's (ticks), or not later than it (bars) */
    TIME_BACKWARDS
}
