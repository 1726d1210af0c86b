package io.vprop.governors.profile;

import io.vprop.governors.time.WeeklyWindow;
import io.vprop.governors.time.Zones;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.Set;

/**
 * A weekly recurring time window in a zone: starts on each of {@code days} at {@code start} and lasts
 * {@code durationMinutes} of wall-clock time in that zone (so a 48 h weekend ends at the same local time even
 * across a DST switch). Used for forced-flat periods (with {@code leadMinutes} of warning in which
 * the account is flattened) and for allowed trading sessions.
 */
public record WindowConfig(String id, String zone, Set<DayOfWeek> days, LocalTime start, int durationMinutes,
                           int leadMinutes) {
    public WindowConfig {
        String f = "window[" + id + "]";
        Require.present(f + ".id", id);
        Require.zone(f + ".zone", zone);
        Require.present(f + ".days", days);
        if (days.isEmpty()) throw new ProfileException(f + ".days", "must list at least one day");
        days = Set.copyOf(days);
        Require.present(f + ".start", start);
        if (durationMinutes <= 0) throw new ProfileException(f + ".durationMinutes", "must be greater than 0, got " + durationMinutes);
        if (durationMinutes > 7 * 24 * 60) throw new ProfileException(f + ".durationMinutes", "longer than a week: " + durationMinutes);
        Require.nonNegative(f + ".leadMinutes", leadMinutes);
    }

    /** A new (mutable, caching) {@link WeeklyWindow} for this window, for one engine. */
    public WeeklyWindow newWeeklyWindow() {
        return new WeeklyWindow(Zones.rules(zone), days, start, durationMinutes, leadMinutes);
    }
}
