package io.vprop.market;

import java.util.Locale;

/** Bar periods, named as MT5 names them (PERIOD_M1 …). */
public enum Timeframe {
    M1(60), M5(300), M15(900), M30(1800), H1(3600), H4(14400), D1(86400);

    private final int seconds;

    Timeframe(int seconds) { this.seconds = seconds; }

    public int seconds() { return seconds; }

    public long millis() { return seconds * 1000L; }

    /** Open time (UTC ms) of the bar of this timeframe that contains {@code timeMs}. */
    public long openTime(long timeMs) { return Math.floorDiv(timeMs, millis()) * millis(); }

    /** Parses "M1", "m1", "PERIOD_M1"; throws with the offending text otherwise. */
    public static Timeframe parse(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        if (t.startsWith("PERIOD_")) t = t.substring(7);
        try {
            return valueOf(t);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown timeframe '" + text + "' (expected one of M1 M5 M15 M30 H1 H4 D1)");
        }
    }
}
