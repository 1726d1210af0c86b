package io.vprop.governors.time;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.zone.ZoneRules;
import java.util.Set;

/**
 * A weekly recurring window turned into instants: it starts on each of {@code days} at {@code start} in a zone and
 * lasts {@code durationMinutes} of wall-clock time there; {@code leadMinutes} before it count as inside. Caches the
 * current or next occurrence so that the per-tick question "are we inside (lead included)?" is two comparisons; the
 * cache is refreshed only when time moves past the cached occurrence. Mutable: one per engine.
 */
public final class WeeklyWindow {
    private final LocalClock clock;
    private final Set<DayOfWeek> days;
    private final LocalTime start;
    private final int durationMinutes;
    private final long leadMs;
    private long cachedFrom = Long.MAX_VALUE; // occurrence start minus lead
    private long cachedStart = Long.MAX_VALUE;
    private long cachedEnd = Long.MIN_VALUE;
    private long validFrom = Long.MAX_VALUE;   // cache computed for times in [validFrom, cachedEnd)

    public WeeklyWindow(ZoneRules zone, Set<DayOfWeek> days, LocalTime start, int durationMinutes, int leadMinutes) {
        this.clock = new LocalClock(zone);
        this.days = Set.copyOf(days);
        this.start = start;
        this.durationMinutes = durationMinutes;
        this.leadMs = leadMinutes * 60_000L;
    }

    /** True when {@code t} is inside the window or inside its lead time. */
    public boolean activeAt(long t) {
        refresh(t);
        return t >= cachedFrom && t < cachedEnd;
    }

    /** End of the occurrence that is active at, or next after, {@code t}. */
    public long endAfter(long t) {
        refresh(t);
        return cachedEnd;
    }

    /** Start (without lead) of the occurrence that is active at, or next after, {@code t}. */
    public long startAfter(long t) {
        refresh(t);
        return cachedStart;
    }

    /** The first time after {@code t} at which {@link #activeAt} may answer otherwise: the window's end, or its next start (lead included). */
    public long nextChange(long t) {
        refresh(t);
        return t >= cachedFrom && t < cachedEnd ? cachedEnd : cachedFrom;
    }

    private void refresh(long t) {
        if (t >= validFrom && t < cachedEnd) return;
        LocalDate today = clock.localDate(t);
        long bestStart = Long.MAX_VALUE;
        long bestEnd = Long.MIN_VALUE;
        // a window lasts at most a week, so one started up to 8 days ago may still be running
        for (int k = -8; k <= 8; k++) {
            LocalDate d = today.plusDays(k);
            if (!days.contains(d.getDayOfWeek())) continue;
            long s = clock.epochMs(d, start);
            // the duration is wall-clock time: "Friday 17:00 for 48 h" ends Sunday 17:00 local even across a DST switch
            long e = clock.epochMs(d.atTime(start).plusMinutes(durationMinutes));
            if (e > t && s < bestStart) {
                bestStart = s;
                bestEnd = e;
            }
        }
        cachedStart = bestStart;
        cachedFrom = bestStart - leadMs;
        cachedEnd = bestEnd;
        validFrom = t;
    }
}
