package io.vprop.market.instrument;

import java.util.Locale;

/**
 * The trading session a UTC time falls in, by fixed UTC hours (daylight saving is ignored, so the boundaries are an
 * hour off for half of the year): Asia 00–07, London 07–12, the London/New York overlap 12–16, New York 16–21 and
 * off-hours 21–24, which holds the daily rollover and the thin market before Tokyo.
 */
public enum Session {
    ASIA, LONDON, OVERLAP, NEW_YORK, OFF_HOURS;

    private static final long HOUR = 3_600_000L, DAY = 24 * HOUR;

    /** The session of a UTC epoch-millisecond time. */
    public static Session at(long utcMs) {
        int hour = (int) (Math.floorMod(utcMs, DAY) / HOUR);
        if (hour < 7) return ASIA;
        if (hour < 12) return LONDON;
        if (hour < 16) return OVERLAP;
        if (hour < 21) return NEW_YORK;
        return OFF_HOURS;
    }

    /** The table's word: asia, london, overlap, new_york, off_hours. */
    public String word() { return name().toLowerCase(Locale.ROOT); }
}
