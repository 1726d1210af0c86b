package io.vprop.analytics;

import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The FX session a trade belongs to, by the UTC hour it was opened. Fixed UTC windows (not following each
 * market's daylight saving) so a statistic never moves between sessions twice a year:
 * Asia 22:00–07:00, London 07:00–13:00, New York 13:00–22:00 UTC. Overlaps go to the later session
 * (London/New York overlap 13:00–16:00 counts as New York).
 */
enum TradingSession {
    ASIA("Asia"), LONDON("London"), NEW_YORK("New York");

    private final String label;

    TradingSession(String label) { this.label = label; }

    public String label() { return label; }

    public static TradingSession of(long utcMs) {
        int h = Instant.ofEpochMilli(utcMs).atZone(ZoneOffset.UTC).getHour();
        if (h >= 7 && h < 13) return LONDON;
        if (h >= 13 && h < 22) return NEW_YORK;
        return ASIA;
    }
}
