package io.vprop.market.instrument;

import java.util.Locale;

/**
 * What kind of market an instrument is. It decides the margin formula: FX margin is counted in the base currency
 * (MT5 "Forex" mode), everything else on the notional in the profit currency (MT5 "CFD" mode).
 */
public enum AssetClass {
    FX, METAL, INDEX;

    /** The table's word: fx, metal, index. */
    public String word() { return name().toLowerCase(Locale.ROOT); }

    static AssetClass parse(String word) {
        for (AssetClass c : values()) if (c.word().equals(word)) return c;
        throw new IllegalArgumentException("'" + word + "' is not an asset class (fx, metal, index)");
    }
}
