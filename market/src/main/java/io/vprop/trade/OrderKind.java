package io.vprop.trade;

import java.util.Locale;

/** An order intent either opens a new position or closes existing ones. */
public enum OrderKind {
    OPEN, CLOSE;

    /** The protocol's word: "open" or "close". */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static OrderKind parse(String word) {
        if (word != null) {
            for (OrderKind k : values()) if (k.wire().equalsIgnoreCase(word)) return k;
        }
        throw new IllegalArgumentException("kind must be open or close, was '" + word + "'");
    }
}
