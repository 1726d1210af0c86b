package io.vprop.market.io;

/** Why a row of a market file was rejected; lenient readers count skipped rows by these reasons. */
public enum BadRowReason {
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
    TIME_BACKWARDS,
    /** the last line ends without a line break and does not parse: the file was cut off (a copy or download stopped) */
    TRUNCATED;

    /** The reason in words, for summaries. */
    public String describe() {
        return switch (this) {
            case MISSING_FIELD -> "missing field";
            case NOT_A_NUMBER -> "not a number";
            case BAD_TIMESTAMP -> "bad timestamp";
            case NOT_POSITIVE -> "price not positive";
            case CROSSED -> "crossed quote (ask below bid)";
            case BAD_OHLC -> "inconsistent bar (OHLC)";
            case TIME_BACKWARDS -> "time going backwards";
            case TRUNCATED -> "truncated last line";
        };
    }
}
