package io.vprop.market.io;

/** What a reader does with a bad row. */
public enum ParseMode {
    /** throw a {@link MarketDataException} naming file, line and column */
    STRICT,
    /** skip the row and count it by {@link BadRowReason}; see {@code badRows()} on the reader */
    LENIENT
}
