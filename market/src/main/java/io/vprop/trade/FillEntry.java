package io.vprop.trade;

import java.util.Locale;

/** What a deal did to a position, as MT5's DEAL_ENTRY_*: opened it, closed (part of) it, or reversed it. */
public enum FillEntry {
    IN, OUT, INOUT;

    /** The protocol's word: "in", "out" or "inout". */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static FillEntry parse(String word) {
        if (word != null) {
            for (FillEntry e : values()) if (e.wire().equalsIgnoreCase(word)) return e;
        }
        throw new IllegalArgumentException("entry must be in, out or inout, was '" + word + "'");
    }
}
