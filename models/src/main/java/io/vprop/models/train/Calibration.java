package io.vprop.models.train;

/** How a tree ensemble's margin becomes a probability (see {@link PlattScaling}, {@link IsotonicCalibration}). */
public enum Calibration {
    PLATT, ISOTONIC;

    /** Parses the CLI spelling ({@code platt} / {@code isotonic}), naming the bad value otherwise. */
    public static Calibration parse(String s) {
        for (Calibration c : values()) if (c.name().equalsIgnoreCase(s)) return c;
        throw new IllegalArgumentException("unknown calibration '" + s + "' (use platt or isotonic)");
    }
}
