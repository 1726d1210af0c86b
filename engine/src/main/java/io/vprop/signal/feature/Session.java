package io.vprop.signal.feature;

/**
 * Trading-session membership from UTC time, as a bit mask (sessions overlap). Fixed UTC hours, ignoring daylight
 * saving on purpose (an hour of drift at the edges is irrelevant to the features that use it):
 * Asia 23:00–08:00, London 07:00–16:00, New York 12:00–21:00; the London/New York overlap is 12:00–16:00.
 */
final class Session {
    public static final int ASIA = 1, LONDON = 2, NEW_YORK = 4, OVERLAP = 8;

    private Session() {}

    public static int mask(long utcMs) {
        int hour = (int) (Math.floorMod(utcMs, 86_400_000L) / 3_600_000L);
        int m = 0;
        if (hour >= 23 || hour < 8) m |= ASIA;
        if (hour >= 7 && hour < 16) m |= LONDON;
        if (hour >= 12 && hour < 21) m |= NEW_YORK;
        if ((m & LONDON) != 0 && (m & NEW_YORK) != 0) m |= OVERLAP;
        return m;
    }

    /** Saturday, or Friday after 21:00 UTC, or Sunday before 21:00 UTC: the FX market is closed. */
    public static boolean weekendClosed(long utcMs) {
        long days = Math.floorDiv(utcMs, 86_400_000L);
        int dow = (int) Math.floorMod(days + 3, 7L); // 0 = Monday (1970-01-01 was a Thursday)
        int hour = (int) (Math.floorMod(utcMs, 86_400_000L) / 3_600_000L);
        return dow == 5 || (dow == 4 && hour >= 21) || (dow == 6 && hour < 21);
    }
}
