package io.vprop.governors.time;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The firm's trading day: it starts every calendar day at {@link #resetTime()} on the wall clock of
 * {@link #zone()} (FTMO: 00:00 Europe/Prague; Topstep: 17:00 America/Chicago; The5ers: 00:00 Broker/US-DST, which is
 * 17:00 New York). Because the reset follows the wall clock, a day lasts 23 or 25 hours in a daylight-saving week
 * (Prague, 2026-03-29: 2026-03-28T23:00Z to 2026-03-29T22:00Z). A day is named by the date its reset falls on: with
 * a 17:00 reset, day D runs from D 17:00 to D+1 17:00. A reset time skipped by a DST gap happens at the transition
 * (02:30 on a night that jumps from 02:00 to 03:00: at 03:00); one that occurs twice in an overlap, at the first.
 *
 * <p>The one firm-day clock: the governors' day resets and the analytics' day grouping both use it. Build it from a
 * profile with {@code FirmProfile.dayClock()} or with {@link #of(String, LocalTime)}. Times are UTC epoch ms.
 * Immutable and thread-safe.
 */
public final class FirmDayClock {
    // Resets are computed once per calendar year and kept: day rolls are on a simulation's hot path (a challenge-lab
    // path rolls a day every few events). Years outside the table take the direct computation, with the same result.
    static final int FIRST_YEAR = 1971, LAST_YEAR = 2199;
    // one clock per (zone, reset time), so its year tables are built once: every engine asks its profile for a clock
    private static final ConcurrentHashMap<String, FirmDayClock> CLOCKS = new ConcurrentHashMap<>();

    private final String zone;
    private final LocalTime resetTime;
    private final LocalClock clock;
    private final AtomicReferenceArray<long[]> years = new AtomicReferenceArray<>(LAST_YEAR - FIRST_YEAR + 1);

    private FirmDayClock(String zone, LocalTime resetTime) {
        this.clock = new LocalClock(Zones.rules(zone));
        this.zone = zone;
        this.resetTime = resetTime;
    }

    /**
     * A clock resetting at {@code resetTime} in {@code zone}: an IANA name ("Europe/Prague"), a fixed offset
     * ("UTC+03:00") or a broker-server clock ({@value Zones#BROKER_US_DST}, {@value Zones#BROKER_EU_DST}).
     *
     * @throws IllegalArgumentException when the zone is missing or unknown (naming it) or the time is missing
     */
    public static FirmDayClock of(String zone, LocalTime resetTime) {
        if (resetTime == null) throw new IllegalArgumentException("reset time missing");
        if (zone == null) return new FirmDayClock(null, resetTime); // throws, naming the missing zone
        return CLOCKS.computeIfAbsent(zone + " " + resetTime, k -> new FirmDayClock(zone, resetTime));
    }

    /**
     * As {@link #of(String, LocalTime)} with the reset as "HH:MM" text; null means midnight.
     *
     * @throws IllegalArgumentException naming the zone or the text when either is not valid
     */
    public static FirmDayClock of(String zone, String resetHhMm) {
        LocalTime t;
        try {
            t = resetHhMm == null ? LocalTime.MIDNIGHT : LocalTime.parse(resetHhMm);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("reset '" + resetHhMm + "' is not a time of day HH:MM");
        }
        return of(zone, t);
    }

    /** The zone name as given (e.g. "Europe/Prague", "Broker/US-DST"), for display. */
    public String zone() {
        return zone;
    }

    /** Wall time of the daily reset in {@link #zone()}. */
    public LocalTime resetTime() {
        return resetTime;
    }

    /**
     * The wall time at {@code t} on the firm's clock, for display: a broker-server zone has no {@code ZoneId}, so a
     * client cannot convert on its own.
     */
    public LocalDateTime wallTime(long t) {
        return clock.localDateTime(t);
    }

    /** The firm's UTC offset at {@code t} (e.g. -05:00 in Chicago winter, +03:00 on a US-DST broker server in summer). */
    public ZoneOffset offset(long t) {
        return clock.offset(t);
    }

    /** The firm day {@code t} belongs to: the date of the latest reset at or before {@code t}. */
    public LocalDate dayOf(long t) {
        int y = utcYear(t);
        if (y > FIRST_YEAR && y < LAST_YEAR) {
            for (int yy = y + 1; yy >= y - 1; yy--) {
                long[] r = year(yy);
                if (r[0] > t) continue;
                return LocalDate.ofYearDay(yy, lastAtOrBefore(r, t) + 1);
            }
        }
        return dayOfDirect(t);
    }

    /** When firm day {@code day} starts: its reset. */
    public long startMs(LocalDate day) {
        int y = day.getYear();
        if (y < FIRST_YEAR || y > LAST_YEAR) return clock.epochMs(day, resetTime);
        return year(y)[day.getDayOfYear() - 1];
    }

    /** When firm day {@code day} ends: the next day's reset (exclusive). */
    public long endMs(LocalDate day) {
        return startMs(day.plusDays(1));
    }

    /** Latest reset at or before {@code t}: the start of the trading day containing {@code t}. */
    public long dayStart(long t) {
        int y = utcYear(t);
        if (y > FIRST_YEAR && y < LAST_YEAR) {
            for (int yy = y + 1; yy >= y - 1; yy--) {
                long[] r = year(yy);
                if (r[0] > t) continue;
                return r[lastAtOrBefore(r, t)];
            }
        }
        return startMs(dayOfDirect(t));
    }

    /** Earliest reset strictly after {@code t}: the end of the trading day containing {@code t}. */
    public long nextReset(long t) {
        int y = utcYear(t);
        if (y > FIRST_YEAR && y < LAST_YEAR) {
            for (int yy = y - 1; yy <= y + 1; yy++) {
                long[] r = year(yy);
                if (r[r.length - 1] <= t) continue;
                return r[0] > t ? r[0] : r[lastAtOrBefore(r, t) + 1];
            }
        }
        return nextResetDirect(t);
    }

    /** {@link #dayOf} without the year table: the definition, for years outside it and for the tests. */
    LocalDate dayOfDirect(long t) {
        LocalDate d = clock.localDate(t).plusDays(1);
        while (clock.epochMs(d, resetTime) > t) d = d.minusDays(1);
        return d;
    }

    /** {@link #nextReset} without the year table. */
    long nextResetDirect(long t) {
        LocalDate d = clock.localDate(t).minusDays(1);
        long r = clock.epochMs(d, resetTime);
        while (r <= t) {
            d = d.plusDays(1);
            r = clock.epochMs(d, resetTime);
        }
        return r;
    }

    /** The resets of every date of year {@code y}, index = day of year - 1; strictly increasing. */
    private long[] year(int y) {
        long[] r = years.get(y - FIRST_YEAR);
        if (r == null) {
            LocalDate d = LocalDate.of(y, 1, 1);
            r = new long[d.lengthOfYear()];
            for (int i = 0; i < r.length; i++, d = d.plusDays(1)) r[i] = clock.epochMs(d, resetTime);
            years.compareAndSet(y - FIRST_YEAR, null, r); // a racing thread computed the same values
        }
        return r;
    }

    /** Index of the last element <= t; r[0] <= t. */
    private static int lastAtOrBefore(long[] r, long t) {
        int lo = 0, hi = r.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (r[mid] <= t) lo = mid; else hi = mid - 1;
        }
        return lo;
    }

    private static int utcYear(long t) {
        return LocalDate.ofEpochDay(Math.floorDiv(t, 86_400_000L)).getYear();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FirmDayClock c && zone.equals(c.zone) && resetTime.equals(c.resetTime);
    }

    @Override
    public int hashCode() {
        return Objects.hash(zone, resetTime);
    }

    @Override
    public String toString() {
        return "FirmDayClock[" + resetTime + " " + zone + "]";
    }
}
