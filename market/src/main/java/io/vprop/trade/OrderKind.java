package io.vprop.trade;

/** An order intent either opens a new position or closes existing ones. */
public enum OrderKind {
    OPEN, CLOSE;

    /** The protocol's word: "open" or "close". */
    public String wire() {
        return WireWords.wire(this);
    }

    public static OrderKind parse(String word) {
        return WireWords.parse(values(), "kind", word);
    }
}
