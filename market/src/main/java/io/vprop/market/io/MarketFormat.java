package io.vprop.market.io;

/** The market file layouts {@link MarketFiles#detect} recognises from a file's header line. */
public enum MarketFormat {
    /** MT5 "Export ticks": {@code <DATE>\t<TIME>\t<BID>\t<ASK>\t<LAST>\t<VOLUME>\t<FLAGS>}. */
    MT5_TICKS,
    /** MT5 "Export bars": {@code <DATE>\t<TIME>\t<OPEN>\t<HIGH>\t<LOW>\t<CLOSE>\t<TICKVOL>\t<VOL>\t<SPREAD>}. */
    MT5_BARS,
    /** Comma-separated {@code timestamp,open,high,low,close[,volume]} (or {@code timestamp_utc,...}). */
    CSV_BARS;

    public boolean isTicks() { return this == MT5_TICKS; }
}
