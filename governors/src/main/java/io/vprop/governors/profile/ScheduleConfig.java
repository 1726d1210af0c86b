package io.vprop.governors.profile;

import java.util.List;

/** Entries only inside one of {@code sessions} (empty = any time) and not in the last N minutes before the day reset. */
public record ScheduleConfig(List<WindowConfig> sessions, int noEntriesBeforeResetMinutes) {
    public ScheduleConfig {
        sessions = sessions == null ? List.of() : List.copyOf(sessions);
        Require.nonNegative("schedule.noEntriesBeforeResetMinutes", noEntriesBeforeResetMinutes);
        if (noEntriesBeforeResetMinutes >= 24 * 60) {
            throw new ProfileException("schedule.noEntriesBeforeResetMinutes", noEntriesBeforeResetMinutes + " covers the whole day");
        }
    }
}
