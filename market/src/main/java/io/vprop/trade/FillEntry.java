package io.vprop.trade;

/** What a deal did to a position, as MT5's DEAL_ENTRY_*: opened it, closed (part of) it, or reversed it. */
public enum FillEntry {
    IN, OUT, INOUT;

    /** The protocol's word: "in", "out" or "inout". */
    public String wire() {
        return WireWords.wire(this);
    }

    public static FillEntry parse(String word) {
        return WireWords.parse(values(), "entry", word);
    }
}
