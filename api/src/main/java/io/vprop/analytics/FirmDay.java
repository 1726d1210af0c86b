package io.vprop.analytics;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The prop firm's trading day: it starts at {@code resetTime} on the wall clock of {@code zone} (FTMO: midnight
 * Europe/Prague). Because the reset follows the wall clock, a day is 23 or 25 hours long in a daylight-saving week
 * (2026-03-29 in Prague lasts 23 h: 2026-03-28T23:00Z to 2026-03-29T22:00Z). A day is named by the date its
 * reset falls on: with a 17:00 reset, day D runs from D 17:00 to D+1 17:00.
 */
public record FirmDay(ZoneId zone, LocalTime resetTime) {
    public static final FirmDay FTMO = new FirmDay(ZoneId.of("Europe/Prague"), LocalTime.MIDNIGHT);

    public FirmDay {
        if (zone == null) throw new IllegalArgumentException("firm day: zone is missing");
        if (resetTime == null) throw new IllegalArgumentException("firm day: reset time is missing");
    }

    /** Parses a zone id such as "Europe/Prague", naming the bad value when it is not one. */
    public static FirmDay of(String zone, String resetHhMm) {
        ZoneId z;
        try {
            z = ZoneId.of(zone);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("zone '" + zone + "' is not a time zone id (e.g. Europe/Prague)");
        }
        LocalTime t;
        try {
            t = resetHhMm == null ? LocalTime.MIDNIGHT : LocalTime.parse(resetHhMm);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("reset '" + resetHhMm + "' is not a time of day HH:MM");
        }
        return new FirmDay(z, t);
    }

    /** The firm day an instant belongs to. */
    public LocalDate dayOf(long utcMs) {
        ZonedDateTime local = Instant.ofEpochMilli(utcMs).atZone(zone);
        LocalDate d = local.toLocalDate();
        return local.toLocalTime().isBefore(resetTime) ? d.minusDays(1) : d;
    }

    /** When {@code day} starts, in UTC ms (a reset time skipped by a DST gap moves forward, as ZonedDateTime does). */
    public long startMs(LocalDate day) {
        return ZonedDateTime.of(day, resetTime, zone).toInstant().toEpochMilli();
    }

    public long endMs(LocalDate day) { return startMs(day.plusDays(1)); }

    /** The next reset strictly after {@code utcMs}. */
    public long nextResetMs(long utcMs) { return endMs(dayOf(utcMs)); }
}
