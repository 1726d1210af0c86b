package io.vprop.governors.time;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.zone.ZoneRules;

/** The firm's trading-day boundary: a wall time ({@code resetTime}) in a zone, every calendar day. */
public final class DayClock {
    private final LocalClock clock;
    private final LocalTime resetTime;

    public DayClock(ZoneRules rules, LocalTime resetTime) {
        this.clock = new LocalClock(rules);
        this.resetTime = resetTime;
    }

    /** Latest reset at or before {@code t}: the start of the trading day containing {@code t}. */
    public long dayStart(long t) {
        LocalDate d = clock.localDate(t).plusDays(1);
        long r = clock.epochMs(d, resetTime);
        while (r > t) {
            d = d.minusDays(1);
            r = clock.epochMs(d, resetTime);
        }
        return r;
    }

    /** Earliest reset strictly after {@code t}. */
    public long nextReset(long t) {
        LocalDate d = clock.localDate(t).minusDays(1);
        long r = clock.epochMs(d, resetTime);
        while (r <= t) {
            d = d.plusDays(1);
            r = clock.epochMs(d, resetTime);
        }
        return r;
    }
}
