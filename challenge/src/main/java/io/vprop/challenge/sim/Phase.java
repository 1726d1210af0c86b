package io.vprop.challenge.sim;

import io.vprop.governors.profile.FirmProfile;

/**
 * One stage of a firm's programme: a challenge phase (with a target) or the funded account (none).
 *
 * @param profile       the governors' rules for this phase, VProp's own safety blocks removed (see {@link FirmPlan})
 * @param timeLimitDays calendar days allowed for the phase; 0 = no limit (the lab's horizon still ends a path)
 * @param inactivityDays a phase fails after this many calendar days without an opened position; 0 = no such rule
 * @param source        where the phase's values come from (URL), for the report
 */
public record Phase(String name, FirmProfile profile, boolean funded, int timeLimitDays, int inactivityDays,
                    String source, String note) {
    public Phase {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("phase.name: missing value");
        if (profile == null) throw new IllegalArgumentException("phase " + name + ": profile missing");
        if (timeLimitDays < 0) throw new IllegalArgumentException("phase " + name + ": timeLimitDays " + timeLimitDays + " is negative");
        if (inactivityDays < 0) throw new IllegalArgumentException("phase " + name + ": inactivityDays " + inactivityDays + " is negative");
        if (!funded && profile.profitTarget() == null) {
            throw new IllegalArgumentException("phase " + name + " of " + profile.id() + ": a challenge phase needs a profit target");
        }
        source = source == null ? "" : source;
        note = note == null ? "" : note;
    }
}
