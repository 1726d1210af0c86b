package io.vprop.governors.time;

import io.vprop.governors.profile.WindowConfig;

import java.time.LocalDate;

/**
 * A {@link WindowConfig} turned into instants. Caches the current or next occurrence so that the per-tick
 * question "are we inside (lead included)?" is two comparisons; the cache is refreshed only when time moves
 * past the cached occurrence.
 */
public final class WeeklyWindow {
    private final WindowConfig config;
    private final LocalClock clock;
    private final long leadMs;
    private long cachedFrom = Long.MAX_VALUE; // occurrence start minus lead
    private long cachedStart = Long.MAX_VALUE;
    private long cachedEnd = Long.MIN_VALUE;
    private long validFrom = Long.MAX_VALUE;   // cache computed for times in [validFrom, cachedEnd)

    public WeeklyWindow(WindowConfig config) {
        this.config = config;
        this.clock = new LocalClock(Zones.rules("window[" + config.id() + "].zone", config.zone()));
        this.leadMs = config.leadMinutes() * 60_000L;
    }

    public WindowConfig config() {
        return config;
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

    private void refresh(long t) {
        if (t >= validFrom && t < cachedEnd) return;
        LocalDate today = clock.localDate(t);
        long bestStart = Long.MAX_VALUE;
        long bestEnd = Long.MIN_VALUE;
        // a window lasts at most a week, so one started up to 8 days ago may still be running
        for (int k = -8; k <= 8; k++) {
            LocalDate d = today.plusDays(k);
            if (!config.days().contains(d.getDayOfWeek())) continue;
            long s = clock.epochMs(d, config.start());
            // the duration is wall-clock time: "Friday 17:00 for 48 h" ends Sunday 17:00 local even across a DST switch
            long e = clock.epochMs(d.atTime(config.start()).plusMinutes(config.durationMinutes()));
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
