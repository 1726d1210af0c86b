package io.vprop.signal.select;

/** Setup quality grade from Q*. Only grades at or above the configured minimum (A by default) trade. */
public enum Grade {
    C, B, A, A_PLUS;

    public boolean atLeast(Grade other) { return ordinal() >= other.ordinal(); }

    /** Display form as traders write it: "A+" for {@link #A_PLUS}. */
    public String label() { return this == A_PLUS ? "A+" : name(); }
}
